/** Pending follow-ups on PostgreSQL (issue 17). */

const COLUMNS = `id, subject_id AS "subjectId", record_type AS "recordType", created_at AS "createdAt"`;

export const PENDING_ANY = `SELECT ${COLUMNS} FROM pending_follow_ups
  ORDER BY created_at, id COLLATE "C" LIMIT $1`;

export const PENDING_OF = `SELECT ${COLUMNS} FROM pending_follow_ups
  WHERE subject_id = ANY($1::text[]) ORDER BY created_at, id COLLATE "C" LIMIT $2`;

export const INSERT = `INSERT INTO pending_follow_ups (id, subject_id, record_type, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])`;

export const DELETE = 'DELETE FROM pending_follow_ups WHERE id = ANY($1::text[])';
