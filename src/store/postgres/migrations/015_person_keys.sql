-- Persons' ids keyed (SPEC 4.9): a person's subject id was the plain SHA-256 of its number, so
-- anyone who saw the id (the feed, webhooks, officers' answers) could find the number offline.
-- The store keeps a random key, drawn once by this migration's step in code (store/*-rekey.ts),
-- and a person's id is an HMAC of its number under it; the step moves every person made before
-- to the keyed id, with every row that names it. Organizations keep their ids: their
-- identifiers are public in full.
CREATE TABLE store_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);

-- views name the old ids and mask persons the old way: built again from the data
DELETE FROM public_views;
DELETE FROM public_view_passes;
