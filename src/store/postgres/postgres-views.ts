import type { Pool } from 'pg';
import { identifierKey } from '../store.js';
import type { IdentifierKey, RenderView, ViewlessPage, ViewStamp } from '../store.js';
import * as file from './postgres-file.js';
import { inTransaction } from './postgres-transaction.js';
import { passCatalog, stampFor, stampSql, statementName } from '../view-stamp.js';

/**
 * The public views saved on PostgreSQL (migration 014: the table, the triggers that clear it,
 * and the bucket locks by which a save and a writer of the same subject meet).
 */

// the first key of the bucket locks, as the migration's triggers take them
const VIEW_LOCK = 72_654_810;

const READ = `SELECT body FROM public_views
  WHERE scheme = $1 AND value = $2 AND as_of = $3 AND catalog = $4`;
// with regional layers the fingerprint a view must carry depends on its subject's region
const readRegional = (stamp: ViewStamp) => `SELECT v.body FROM public_views v
  JOIN subjects s ON s.id = v.subject_id
  WHERE v.scheme = $1 AND v.value = $2 AND v.as_of = $3 AND v.catalog = ${stampSql(stamp, 's.region', '$4')}`;

// each identifier's subject, and whether its bucket was free: a try never waits, so a save
// never waits on a writer, and a writer waits only on a save, which is short
const RESOLVE = `SELECT k.scheme, k.value, i.subject_id AS "subjectId",
    pg_try_advisory_xact_lock(${VIEW_LOCK}, public_view_bucket(i.subject_id)) AS held
  FROM unnest($1::text[], $2::text[]) AS k (scheme, value)
  JOIN subject_identifiers i ON i.scheme = k.scheme AND i.value = k.value`;

const SAVE = `INSERT INTO public_views (scheme, value, subject_id, as_of, catalog, body)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
  ON CONFLICT (scheme, value) DO UPDATE SET subject_id = EXCLUDED.subject_id,
    as_of = EXCLUDED.as_of, catalog = EXCLUDED.catalog, body = EXCLUDED.body`;

// the first identifier is looked up only for a subject without a current view; the probe is a
// scalar subquery, as an EXISTS may be planned as a hashed subplan over every saved view
const scan = (stamp: ViewStamp) => `SELECT p.id,
    CASE WHEN p.fresh THEN NULL ELSE (SELECT scheme FROM subject_identifiers
      WHERE subject_id = p.id ORDER BY position LIMIT 1) END AS scheme,
    CASE WHEN p.fresh THEN NULL ELSE (SELECT value FROM subject_identifiers
      WHERE subject_id = p.id ORDER BY position LIMIT 1) END AS value
  FROM (SELECT s.id, (SELECT true FROM public_views v
      WHERE v.subject_id = s.id AND v.as_of = $1
        AND v.catalog = ${stampSql(stamp, 's.region', '$2')} LIMIT 1) IS NOT NULL AS fresh
    FROM subjects s WHERE s.id > $3 AND s.merged_into IS NULL ORDER BY s.id LIMIT $4) p`;

const HAS_PASS = 'SELECT 1 FROM public_view_passes WHERE as_of = $1 AND catalog = $2';
// only the current day's passes are of use
const DROP_PASSES = 'DELETE FROM public_view_passes WHERE as_of < $1';
const RECORD_PASS = `INSERT INTO public_view_passes (as_of, catalog, completed_at)
  VALUES ($1, $2, $3) ON CONFLICT (as_of, catalog) DO UPDATE SET completed_at = EXCLUDED.completed_at`;

/** `PublicViewStore.readPublicView` on PostgreSQL. */
export async function readPublicView(
  pool: Pool,
  key: IdentifierKey,
  stamp: ViewStamp,
): Promise<string | null> {
  const text = stamp.regional?.length ? readRegional(stamp) : READ;
  const { rows } = await pool.query<{ body: string }>({
    name: text === READ ? 'credence_read_view' : statementName('credence_read_view', text),
    text,
    values: [key.scheme, key.value, stamp.asOf, stamp.catalog],
  });
  return rows[0]?.body ?? null;
}

/**
 * `PublicViewStore.renderPublicViews` on PostgreSQL: every file is read and rendered; a view is
 * saved where its subject's bucket was free, and read after the lock that keeps writers out.
 * Never null: a busy subject's view is rendered and not saved.
 */
export async function renderPublicViews(
  pool: Pool,
  keys: readonly IdentifierKey[],
  stamp: ViewStamp,
  render: RenderView,
): Promise<Map<string, string>> {
  // one row per identifier: an upsert may not touch a row twice
  const unique = [...new Map(keys.map((k) => [identifierKey(k), k])).values()];
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<IdentifierKey & { subjectId: string; held: boolean }>({
      name: 'credence_view_buckets',
      text: RESOLVE,
      values: [unique.map((k) => k.scheme), unique.map((k) => k.value)],
    });
    const subjectOf = new Map(rows.map((r) => [identifierKey(r), r.subjectId]));
    const free = new Set(rows.filter((r) => r.held).map((r) => identifierKey(r)));
    // one statement after the locks: it sees every write to a free bucket's subjects
    const files = await client.query<file.AskedFileRow>({
      name: file.FILES_NAME,
      text: file.READ_FILES,
      values: [rows.map((r) => r.scheme), rows.map((r) => r.value)],
    });
    const rendered = new Map<string, string>();
    const saved: string[][] = [[], [], [], [], [], []];
    for (const { askedScheme: scheme, askedValue: value, ...row } of files.rows) {
      const key = identifierKey({ scheme, value });
      const stored = file.toStoredFile(row);
      const body = await render(stored);
      rendered.set(key, body);
      // an identifier that moved since it was resolved belongs to a bucket not held
      if (!free.has(key) || stored.subject.id !== subjectOf.get(key)) continue;
      const catalog = stampFor(stamp, stored.subject.region);
      const columns = [scheme, value, stored.subject.id, stamp.asOf, catalog, body];
      columns.forEach((v, i) => saved[i]!.push(v));
    }
    if (saved[0]!.length > 0) await client.query(SAVE, saved);
    return rendered;
  });
}

/** `PublicViewStore.scanViewless` on PostgreSQL. */
export async function scanViewless(
  pool: Pool,
  stamp: ViewStamp,
  afterId: string,
  limit: number,
): Promise<ViewlessPage> {
  const text = scan(stamp);
  const { rows } = await pool.query<{
    id: string;
    scheme: IdentifierKey['scheme'] | null;
    value: string | null;
  }>({
    name: statementName('credence_scan_viewless', text),
    text,
    values: [stamp.asOf, stamp.catalog, afterId, limit],
  });
  const keys: IdentifierKey[] = [];
  for (const { scheme, value } of rows) {
    if (scheme !== null && value !== null) keys.push({ scheme, value });
  }
  return {
    keys,
    scanned: rows.length,
    lastId: rows.length < limit ? null : (rows.at(-1)?.id ?? null),
  };
}

/** `PublicViewStore.hasViewPass` on PostgreSQL. */
export async function hasViewPass(pool: Pool, stamp: ViewStamp): Promise<boolean> {
  const { rowCount } = await pool.query(HAS_PASS, [stamp.asOf, passCatalog(stamp)]);
  return (rowCount ?? 0) > 0;
}

/** `PublicViewStore.recordViewPass` on PostgreSQL. */
export async function recordViewPass(pool: Pool, stamp: ViewStamp, at: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(DROP_PASSES, [stamp.asOf]);
    await client.query(RECORD_PASS, [stamp.asOf, passCatalog(stamp), at]);
  });
}
