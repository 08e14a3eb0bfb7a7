-- The public directory of licences and penalties (双公示) reads the latest decisions of a few
-- record types first: one index range per type, in decision date order (issue 18).
CREATE INDEX record_versions_type_decided ON record_versions (type, decision_date, id);
