-- Name search (SPEC 4.9): the search keys of every subject's names (kind: the form of the key,
-- e.g. folded Chinese, full pinyin, initials, a Latin word), exact through the B-tree, and the
-- whole-name Latin ones (fuzzy) also through a pg_trgm GIN index; distribution column subject_id.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE search_keys (
  subject_id text NOT NULL REFERENCES subjects (id),
  kind text NOT NULL,
  key text NOT NULL COLLATE "C",
  fuzzy boolean NOT NULL
);
CREATE INDEX search_keys_key ON search_keys (key, subject_id);
CREATE INDEX search_keys_trigram ON search_keys USING gin (key gin_trgm_ops) WHERE fuzzy;
