-- public_views_clear compares under its argument's collation: the ratings trigger passes ids of a
-- COLLATE "C" column, and under "C" the index of public_views (default collation) cannot answer
-- `= ANY (ids)`, so every published rating scanned every saved view. Compare in the index's.
CREATE OR REPLACE FUNCTION public_views_clear(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(72654810, b)
    FROM (SELECT DISTINCT public_view_bucket(id) AS b FROM unnest(ids) AS id ORDER BY 1) AS x;
  DELETE FROM public_views WHERE subject_id = ANY (ids COLLATE "default");
END
$$;
