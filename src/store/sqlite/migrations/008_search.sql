-- Name search (SPEC 4.9): the search keys of every subject's names (kind: the form of the key,
-- e.g. folded Chinese, full pinyin, initials, a Latin word), exact through the B-tree, and the
-- whole-name Latin ones (fuzzy = 1) also through an FTS5 trigram index over the same rows.
CREATE TABLE search_keys (
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  fuzzy INTEGER NOT NULL
);
CREATE INDEX search_keys_key ON search_keys (key, subject_id);
CREATE VIRTUAL TABLE search_trigrams USING fts5 (
  key, content = 'search_keys', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER search_keys_ai AFTER INSERT ON search_keys WHEN new.fuzzy = 1 BEGIN
  INSERT INTO search_trigrams (rowid, key) VALUES (new.rowid, new.key);
END;
CREATE TRIGGER search_keys_ad AFTER DELETE ON search_keys WHEN old.fuzzy = 1 BEGIN
  INSERT INTO search_trigrams (search_trigrams, rowid, key) VALUES ('delete', old.rowid, old.key);
END;
