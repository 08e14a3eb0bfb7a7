-- the document a relation rests on (issue 25): a legal representative, principal or actual
-- controller is recorded with the registration that names it; rows from before stay NULL
ALTER TABLE subject_relations ADD COLUMN basis TEXT;
