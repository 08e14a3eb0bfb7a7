-- The subject's consent a read rests on (SPEC 4.8): for purposes the catalog marks consent-based,
-- the consent reference (document, date, scope); null for every other inquiry, and for those
-- logged before consent was recorded
ALTER TABLE inquiries ADD COLUMN consent jsonb;
