-- The public view of each subject as the JSON text the API sends (SPEC 4.9), a read model kept
-- beside the data it is computed from, as on SQLite (its migration 012): a row holds only for its
-- date (as_of) and the catalog it was computed under (a fingerprint), and the triggers below
-- delete a subject's rows on every write to what its view is computed from.
--
-- At READ COMMITTED a writer could commit between a view's read of the file and its save, while
-- its trigger found nothing to delete yet. So the two meet on an advisory lock per bucket of
-- subjects: a writer's trigger takes its subjects' buckets shared (and waits for a save under
-- way), a save takes its subject's bucket exclusive with a try that never waits, and saves
-- nothing when a writer holds it. A save then either starts after every writer of its subject has
-- committed, and reads what they wrote, or ends before the writer's trigger deletes, which then
-- finds the saved row. Writers run at READ COMMITTED, so that delete sees the save.
CREATE TABLE public_views (
  scheme text NOT NULL,
  value text NOT NULL,
  subject_id text NOT NULL,
  as_of text NOT NULL,
  catalog text NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (scheme, value)
);
-- what the triggers delete by, and what the scan for subjects without a current view reads
CREATE INDEX public_views_subject ON public_views (subject_id, as_of, catalog);

-- the stamps a pass over every subject has built the views for
CREATE TABLE public_view_passes (
  as_of text NOT NULL,
  catalog text NOT NULL,
  completed_at timestamptz NOT NULL,
  PRIMARY KEY (as_of, catalog)
);

-- the bucket of a subject, shared by the triggers and the save (postgres-views.ts): 128 buckets
-- keep a bulk write's locks few, and a write blocks the saves of 1/128 of the subjects
CREATE FUNCTION public_view_bucket(subject_id text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN hashtext(subject_id) & 127;

-- clears the views of these subjects, after taking their buckets shared; 72654810 is the first
-- key of the bucket locks, an arbitrary constant beside the store's others (postgres-views.ts)
CREATE FUNCTION public_views_clear(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(72654810, b)
    FROM (SELECT DISTINCT public_view_bucket(id) AS b FROM unnest(ids) AS id ORDER BY 1) AS x;
  DELETE FROM public_views WHERE subject_id = ANY (ids);
END
$$;

-- one statement-level trigger per event and table: a bulk write clears its subjects in one
-- delete. The argument names the subject column; a merge moves rows, so an update clears the
-- subjects they leave and the ones they join
CREATE FUNCTION public_views_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  EXECUTE format(CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT array_agg(DISTINCT %1$I) FROM new_rows'
      WHEN 'DELETE' THEN 'SELECT array_agg(DISTINCT %1$I) FROM old_rows'
      ELSE 'SELECT array_agg(DISTINCT s) FROM
        (SELECT %1$I AS s FROM old_rows UNION SELECT %1$I FROM new_rows) AS x'
    END, TG_ARGV[0]) INTO ids;
  PERFORM public_views_clear(ids);
  RETURN NULL;
END
$$;

-- a draft run's ratings are shown nowhere: only a published one changes the view
CREATE FUNCTION public_views_ratings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public_views_clear(
    (SELECT array_agg(DISTINCT subject_id::text) FROM new_rows WHERE published));
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('subjects', 'id'),
      ('subject_identifiers', 'subject_id'),
      ('subject_names', 'subject_id'),
      ('subject_relations', 'subject_id'),
      ('record_versions', 'subject_id'),
      ('list_entries', 'subject_id'),
      ('list_transitions', 'subject_id'),
      ('ratings', 'subject_id'),
      ('objections', 'subject_id')) AS v (tbl, col)
  LOOP
    EXECUTE format(
      'CREATE TRIGGER public_views_%1$s_insert AFTER INSERT ON %1$I
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %3$s(%2$L)',
      t.tbl, t.col,
      CASE WHEN t.tbl = 'ratings' THEN 'public_views_ratings_inserted' ELSE 'public_views_changed' END);
    EXECUTE format(
      'CREATE TRIGGER public_views_%1$s_update AFTER UPDATE ON %1$I
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION public_views_changed(%2$L)',
      t.tbl, t.col);
    EXECUTE format(
      'CREATE TRIGGER public_views_%1$s_delete AFTER DELETE ON %1$I
         REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_views_changed(%2$L)',
      t.tbl, t.col);
  END LOOP;
END
$$;
