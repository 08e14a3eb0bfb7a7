import { identifierKey } from '../store.js';
import type { IdentifierKey, RenderView, StoreReads, ViewlessPage, ViewStamp } from '../store.js';
import { passCatalog, stampFor, stampSql } from '../view-stamp.js';
import type { StatementCache } from './sqlite-tx.js';

/** The public views saved on SQLite (migration 012: the table and the triggers that clear it). */

// the identifier's row: its key's index and one leaf of the table
const READ = `SELECT body FROM public_views
  WHERE scheme = ? AND value = ? AND as_of = ? AND catalog = ?`;
// with regional layers the fingerprint a view must carry depends on its subject's region
const readRegional = (stamp: ViewStamp) => `SELECT v.body FROM public_views v
  JOIN subjects s ON s.id = v.subject_id
  WHERE v.scheme = ? AND v.value = ? AND v.as_of = ? AND v.catalog = ${stampSql(stamp, 's.region', '?')}`;
const SAVE = `INSERT OR REPLACE INTO public_views (scheme, value, subject_id, as_of, catalog, body)
  VALUES (?, ?, ?, ?, ?, ?)`;
// the first identifier is looked up only for a subject without a current view; the narrow
// index named, as the planner would take the primary key and read a page of bodies a row
const scan = (stamp: ViewStamp) => `SELECT p.id,
    CASE WHEN p.fresh THEN NULL ELSE (SELECT scheme FROM subject_identifiers
      WHERE subject_id = p.id ORDER BY position LIMIT 1) END,
    CASE WHEN p.fresh THEN NULL ELSE (SELECT value FROM subject_identifiers
      WHERE subject_id = p.id ORDER BY position LIMIT 1) END
  FROM (SELECT s.id, EXISTS (SELECT 1 FROM public_views v INDEXED BY public_views_subject
      WHERE v.subject_id = s.id AND v.as_of = ?
        AND v.catalog = ${stampSql(stamp, 's.region', '?')}) AS fresh
    FROM subjects s WHERE s.id > ? AND s.merged_into IS NULL ORDER BY s.id LIMIT ?) p`;

const HAS_PASS = 'SELECT 1 FROM public_view_passes WHERE as_of = ? AND catalog = ?';
const RECORD_PASS = `INSERT OR REPLACE INTO public_view_passes (as_of, catalog, completed_at)
  VALUES (?, ?, ?)`;
// only the current day's passes are of use
const DROP_PASSES = 'DELETE FROM public_view_passes WHERE as_of < ?';

/** `PublicViewStore.readPublicView` on SQLite. */
export function readPublicView(
  sql: StatementCache,
  key: IdentifierKey,
  stamp: ViewStamp,
): string | null {
  const text = stamp.regional?.length ? readRegional(stamp) : READ;
  const body = sql.get(text).pluck().get(key.scheme, key.value, stamp.asOf, stamp.catalog) as
    string | undefined;
  return body ?? null;
}

/** Saves a subject's view under the identifier it was asked by; inside the write transaction that read its file. */
function savePublicView(
  sql: StatementCache,
  key: IdentifierKey,
  subject: { id: string; region: string | null },
  stamp: ViewStamp,
  body: string,
): void {
  const catalog = stampFor(stamp, subject.region);
  sql.get(SAVE).run(key.scheme, key.value, subject.id, stamp.asOf, catalog, body);
}

/** `PublicViewStore.scanViewless` on SQLite. */
export function scanViewless(
  sql: StatementCache,
  stamp: ViewStamp,
  afterId: string,
  limit: number,
): ViewlessPage {
  const rows = sql
    .get(scan(stamp))
    .raw(true)
    .all(stamp.asOf, stamp.catalog, afterId, limit) as Array<
    [string, IdentifierKey['scheme'] | null, string | null]
  >;
  const keys: IdentifierKey[] = [];
  for (const [, scheme, value] of rows) {
    if (scheme !== null && value !== null) keys.push({ scheme, value });
  }
  return {
    keys,
    scanned: rows.length,
    lastId: rows.length < limit ? null : (rows.at(-1)?.[0] ?? null),
  };
}

/** Inside a write transaction: reads each file, renders it and saves the text as its view. */
export async function renderAndSave(
  sql: StatementCache,
  tx: StoreReads,
  keys: readonly IdentifierKey[],
  stamp: ViewStamp,
  render: RenderView,
): Promise<Map<string, string>> {
  const rendered = new Map<string, string>();
  for (const key of keys) {
    const file = await tx.readSubjectFile(key);
    if (!file) continue;
    const body = await render(file);
    savePublicView(sql, key, file.subject, stamp, body);
    rendered.set(identifierKey(key), body);
  }
  return rendered;
}

/** `PublicViewStore.hasViewPass` on SQLite. */
export function hasViewPass(sql: StatementCache, stamp: ViewStamp): boolean {
  return sql.get(HAS_PASS).get(stamp.asOf, passCatalog(stamp)) !== undefined;
}

/** `PublicViewStore.recordViewPass` on SQLite, inside a write transaction. */
export function recordViewPass(sql: StatementCache, stamp: ViewStamp, at: string): void {
  sql.get(DROP_PASSES).run(stamp.asOf);
  sql.get(RECORD_PASS).run(stamp.asOf, passCatalog(stamp), at);
}
