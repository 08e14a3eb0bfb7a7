-- Search keys clustered by key: one B-tree a key row instead of a table and its index, since an
-- import writes a dozen keys a subject. The whole Latin forms that the trigram index covers
-- (once fuzzy = 1) get a small rowid table of their own, search_fuzzy, which the index points at.
DROP TRIGGER search_keys_ai;
DROP TRIGGER search_keys_ad;
DROP TABLE search_trigrams;

CREATE TABLE search_keys_clustered (
  key TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  kind TEXT NOT NULL,
  PRIMARY KEY (key, subject_id, kind)
) WITHOUT ROWID;
INSERT OR IGNORE INTO search_keys_clustered (key, subject_id, kind)
  SELECT key, subject_id, kind FROM search_keys;

CREATE TABLE search_fuzzy (
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  kind TEXT NOT NULL,
  key TEXT NOT NULL
);
CREATE INDEX search_fuzzy_subject ON search_fuzzy (subject_id);
INSERT INTO search_fuzzy (subject_id, kind, key)
  SELECT DISTINCT subject_id, kind, key FROM search_keys WHERE fuzzy = 1;

DROP TABLE search_keys;
ALTER TABLE search_keys_clustered RENAME TO search_keys;

CREATE VIRTUAL TABLE search_trigrams USING fts5 (
  key, content = 'search_fuzzy', content_rowid = 'rowid', tokenize = 'trigram'
);
INSERT INTO search_trigrams (search_trigrams) VALUES ('rebuild');
CREATE TRIGGER search_fuzzy_ai AFTER INSERT ON search_fuzzy BEGIN
  INSERT INTO search_trigrams (rowid, key) VALUES (new.rowid, new.key);
END;
CREATE TRIGGER search_fuzzy_ad AFTER DELETE ON search_fuzzy BEGIN
  INSERT INTO search_trigrams (search_trigrams, rowid, key) VALUES ('delete', old.rowid, old.key);
END;
