-- Search keys read from the index alone: with the kind in it, a lookup by key never visits the
-- table, whose rows for one key lie on as many pages as they have subjects. Rows come in the
-- order SQLite's clustered keys have (key, subject, kind), so a capped lookup keeps the same rows.
CREATE INDEX search_keys_lookup ON search_keys (key, subject_id, kind);
DROP INDEX search_keys_key;
