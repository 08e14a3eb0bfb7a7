import type { Catalog } from '../../domain/catalog.js';
import { dateOf } from '../../domain/clock.js';
import { requireDate } from '../../domain/dates.js';
import {
  isPublicOn,
  publicationWindow,
  retentionEnds,
  type PublicationWindow,
} from '../../domain/publication.js';
import type { ListEntry } from '../../domain/list-entry.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import type { RecordStatus, RecordVersion, Visibility } from '../../domain/record.js';
import type { Subject } from '../../domain/subject.js';
import type { ServiceDeps } from '../deps.js';
import { entriesOn } from '../lists/queries.service.js';
import { findSubject } from '../subjects/subjects.service.js';

/** One record in a subject's file: its version as of the date and what that means. */
export interface FileItem {
  recordId: string;
  current: RecordVersion;
  status: RecordStatus;
  visibility: Visibility;
  window: PublicationWindow;
  /** restricted data leave every view on this date, the file included (null: not restricted, or no end date yet) */
  retainedUntil: string | null;
  /** earlier versions, newest first; each was corrected by the one after it */
  history: Array<Pick<RecordVersion, 'id' | 'version' | 'action' | 'reason' | 'recordedAt'>>;
}

export interface SubjectFile {
  subject: Subject;
  asOf: string;
  items: FileItem[];
}

/** The subject's whole file as of a date (default today): every record, newest decision first. */
export async function subjectFile(
  deps: ServiceDeps,
  identifier: string | Subject,
  asOf?: string,
): Promise<SubjectFile> {
  const date = asOf === undefined ? dateOf(deps.clock.now()) : requireDate(asOf, 'asOf');
  const subject = typeof identifier === 'string' ? await findSubject(deps, identifier) : identifier;
  const versions = await deps.store.listRecordVersions(subject.id);
  const listed = listedVersions(await entriesOn(deps, [subject.id], date), date);
  return { subject, asOf: date, items: fileItems(deps.catalog, versions, date, listed) };
}

/** The record versions that entries in force on `date` rest on: what "while listed" reads. */
export function listedVersions(entries: readonly ListEntry[], date: string): Set<string> {
  return new Set(entries.filter((e) => isInForce(e, date)).flatMap((e) => e.recordIds));
}

/**
 * Groups versions into records and computes each record's status as of `date`. A record
 * published while listed is public while an entry in force rests on one of its versions
 * (`listed`, from `listedVersions`; none when not given).
 */
export function fileItems(
  catalog: Catalog,
  versions: readonly RecordVersion[],
  date: string,
  listed: ReadonlySet<string> = new Set(),
): FileItem[] {
  const chains = new Map<string, RecordVersion[]>();
  for (const v of versions) {
    // a version recorded after the date did not exist then
    if (dateOf(new Date(v.recordedAt)) > date) continue;
    const chain = chains.get(v.recordId) ?? [];
    chain.push(v);
    chains.set(v.recordId, chain);
  }
  const items: FileItem[] = [];
  for (const chain of chains.values()) {
    chain.sort((a, b) => b.version - a.version);
    const [current, ...older] = chain as [RecordVersion, ...RecordVersion[]];
    const type = catalog.recordTypes.get(current.type);
    if (!type) continue; // a type withdrawn from the catalog is shown nowhere but the audit log
    const window = publicationWindow(type, current);
    const retainedUntil = type.disclosure === 'restricted' ? retentionEnds(type, current) : null;
    // past its retention a restricted record leaves every view; only the audit log keeps it
    if (retainedUntil !== null && date >= retainedUntil) continue;
    items.push({
      recordId: current.recordId,
      current,
      status: statusOf(current, window, date),
      visibility:
        type.disclosure === 'restricted'
          ? 'restricted'
          : isPublicOn(window, date, { listed: chain.some((v) => listed.has(v.id)) })
            ? 'public'
            : 'not_public',
      window,
      retainedUntil,
      history: older.map(({ id, version, action, reason, recordedAt }) => ({
        id,
        version,
        action,
        reason,
        recordedAt,
      })),
    });
  }
  return items.sort(
    (a, b) =>
      b.current.decisionDate.localeCompare(a.current.decisionDate) ||
      a.recordId.localeCompare(b.recordId),
  );
}

function statusOf(current: RecordVersion, window: PublicationWindow, date: string): RecordStatus {
  if (current.action === 'revoke') return 'revoked';
  if (current.action === 'repair') return 'repaired';
  // the first day the record is out of public view
  if (window.publicUntil !== null && date >= window.publicUntil) return 'expired';
  return 'active';
}
