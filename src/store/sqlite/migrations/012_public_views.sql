-- The public view of each subject as the JSON text the API sends (SPEC 4.9), a read model kept
-- beside the data it is computed from: a row holds only for its date (as_of) and for the catalog
-- it was computed under (catalog: a fingerprint); the service saves it in one write transaction
-- with the read of the file it came from. The triggers below delete a subject's rows on every
-- write to what its view is computed from, in the writer's own transaction, so a row that is
-- there is never older than the data; one on subject_identifiers also clears a row keyed by an
-- identifier that moves to another subject.
-- keyed by the identifier the view was asked under, so that a read is that key's index and one
-- leaf of the table, no join through subject_identifiers; a rowid table, as interior cells of a
-- WITHOUT ROWID one carry whole rows: with bodies of about 600 bytes its B-tree is eight levels
-- deep and a lookup reads six pages
CREATE TABLE public_views (
  scheme TEXT NOT NULL,
  value TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  as_of TEXT NOT NULL,
  catalog TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (scheme, value)
);
-- what the triggers delete by; narrow and covering, the scan for subjects without a current
-- view reads no bodies
CREATE INDEX public_views_subject ON public_views (subject_id, as_of, catalog);

-- the stamps a pass over every subject has built the views for: a server starting the same day
-- under the same catalog need not scan them all again
CREATE TABLE public_view_passes (
  as_of TEXT NOT NULL,
  catalog TEXT NOT NULL,
  completed_at TEXT NOT NULL,
  PRIMARY KEY (as_of, catalog)
) WITHOUT ROWID;

-- subjects
CREATE TRIGGER public_views_subjects_insert AFTER INSERT ON subjects BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.id;
END;
CREATE TRIGGER public_views_subjects_update AFTER UPDATE ON subjects BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER public_views_subjects_delete AFTER DELETE ON subjects BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.id;
END;

-- subject_identifiers
CREATE TRIGGER public_views_subject_identifiers_insert AFTER INSERT ON subject_identifiers BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_subject_identifiers_update AFTER UPDATE ON subject_identifiers BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_subject_identifiers_delete AFTER DELETE ON subject_identifiers BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- subject_names
CREATE TRIGGER public_views_subject_names_insert AFTER INSERT ON subject_names BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_subject_names_update AFTER UPDATE ON subject_names BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_subject_names_delete AFTER DELETE ON subject_names BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- subject_relations
CREATE TRIGGER public_views_subject_relations_insert AFTER INSERT ON subject_relations BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_subject_relations_update AFTER UPDATE ON subject_relations BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_subject_relations_delete AFTER DELETE ON subject_relations BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- record_versions
CREATE TRIGGER public_views_record_versions_insert AFTER INSERT ON record_versions BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_record_versions_update AFTER UPDATE ON record_versions BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_record_versions_delete AFTER DELETE ON record_versions BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- list_entries
CREATE TRIGGER public_views_list_entries_insert AFTER INSERT ON list_entries BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_list_entries_update AFTER UPDATE ON list_entries BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_list_entries_delete AFTER DELETE ON list_entries BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- list_transitions
CREATE TRIGGER public_views_list_transitions_insert AFTER INSERT ON list_transitions BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_list_transitions_update AFTER UPDATE ON list_transitions BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_list_transitions_delete AFTER DELETE ON list_transitions BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- ratings
-- a draft run's ratings are shown nowhere: only a published one changes the view
CREATE TRIGGER public_views_ratings_insert AFTER INSERT ON ratings WHEN NEW.published = 1 BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_ratings_update AFTER UPDATE ON ratings BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_ratings_delete AFTER DELETE ON ratings BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;

-- objections
CREATE TRIGGER public_views_objections_insert AFTER INSERT ON objections BEGIN
  DELETE FROM public_views WHERE subject_id = NEW.subject_id;
END;
CREATE TRIGGER public_views_objections_update AFTER UPDATE ON objections BEGIN
  DELETE FROM public_views WHERE subject_id IN (OLD.subject_id, NEW.subject_id);
END;
CREATE TRIGGER public_views_objections_delete AFTER DELETE ON objections BEGIN
  DELETE FROM public_views WHERE subject_id = OLD.subject_id;
END;
