import { dateOf } from '../../domain/clock.js';
import { expireIfDue } from '../../domain/list-lifecycle.js';
import { earlyRemovalFrom, type RepairApplication, type RepairItem } from '../../domain/repair.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { fileItems } from '../records/subject-file.service.js';

/** What a repair would end, as it stands today. */
export interface RepairTarget {
  subjectId: string;
  /** the record's current version, or the entry id */
  itemId: string;
  /** the record id (all versions of a record are one item); the entry id for an entry */
  key: string;
  itemType: string;
  authorityId: string;
  /** the first day repair can be applied for */
  from: string;
}

const notAvailable = (message: string) =>
  new CredenceError('REPAIR_NOT_AVAILABLE', message, { field: 'itemId' });

/** Who may ask: every item for an officer, only the items of its own file for a subject. */
type Owns = (subjectId: string) => boolean;

/**
 * Finds the item and checks it can be repaired today: a record in public view whose type and
 * tier give a repair period, or an effective entry of a list with early removal, once the
 * minimum period has passed (SPEC 4.3, 4.4). An item the caller does not own is answered as
 * one that does not exist, before anything about its state is said.
 */
export async function repairTarget(
  deps: ServiceDeps,
  item: RepairItem,
  id: string,
  owns: Owns = () => true,
): Promise<RepairTarget> {
  const today = dateOf(deps.clock.now());
  const target =
    item === 'record'
      ? await recordTarget(deps, id, today, owns)
      : await entryTarget(deps, id, today, owns);
  if (today < target.from) {
    throw new CredenceError('REPAIR_TOO_EARLY', `repair can be applied for from ${target.from}`, {
      field: 'itemId',
      possibleFrom: target.from,
    });
  }
  return target;
}

async function recordTarget(
  deps: ServiceDeps,
  id: string,
  today: string,
  owns: Owns,
): Promise<RepairTarget> {
  const version = await deps.store.getRecordVersion(id);
  if (!version || !owns(version.subjectId))
    throw new CredenceError('RECORD_NOT_FOUND', `no record version ${id}`, { field: 'itemId' });
  const versions = await deps.store.listRecordVersions(version.subjectId);
  const found = fileItems(deps.catalog, versions, today).find(
    (i) => i.recordId === version.recordId,
  );
  if (!found || found.status !== 'active' || found.visibility !== 'public') {
    throw notAvailable(
      `record ${version.recordId} is ${found ? `${found.status} and ${found.visibility.replace('_', ' ')}` : 'not in the file'}: only a published record can be repaired`,
    );
  }
  if (!found.window.repairFrom) {
    throw notAvailable(
      `a ${version.type} record${version.severity ? ` of tier ${version.severity}` : ''} has no repair: it leaves public view by itself`,
    );
  }
  return {
    subjectId: version.subjectId,
    itemId: found.current.id,
    key: version.recordId,
    itemType: version.type,
    authorityId: version.authorityId,
    from: found.window.repairFrom,
  };
}

async function entryTarget(
  deps: ServiceDeps,
  id: string,
  today: string,
  owns: Owns,
): Promise<RepairTarget> {
  const stored = await deps.store.getListEntry(id);
  if (!stored || !owns(stored.subjectId))
    throw new CredenceError('LIST_ENTRY_NOT_FOUND', `no list entry ${id}`, { field: 'itemId' });
  const entry = expireIfDue(stored, today);
  const type = deps.catalog.listTypes.get(entry.listType);
  const from = type ? earlyRemovalFrom(type, entry) : null;
  if (entry.state !== 'effective')
    throw notAvailable(`entry ${id} is ${entry.state}: only an effective entry can be repaired`);
  if (!from) throw notAvailable(`the ${entry.listType} list has no early removal`);
  return {
    subjectId: entry.subjectId,
    itemId: entry.id,
    key: entry.id,
    itemType: entry.listType,
    authorityId: entry.authorityId,
    from,
  };
}

/** The item key of an application: the record id of its version, or the entry id. */
export async function repairKey(deps: ServiceDeps, r: RepairApplication): Promise<string> {
  if (r.item === 'list_entry') return r.itemId;
  return (await deps.store.getRecordVersion(r.itemId))?.recordId ?? r.itemId;
}
