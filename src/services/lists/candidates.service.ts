import { dateOf } from '../../domain/clock.js';
import type { ListEntry } from '../../domain/list-entry.js';
import { matchingCriteria } from '../../domain/list-criteria.js';
import { isCredenceError } from '../../errors.js';
import { sourceKey } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { withAuthorityDomains } from './criteria-input.js';
import { proposeEntry } from './entries.service.js';

export interface CandidateResult {
  proposed: ListEntry[];
  /** subjects that met the criteria but were already on the list (in force) */
  alreadyListed: number;
  /** subjects that met the criteria but already had a proposal on the list (proposed or noticed) */
  alreadyProposed: number;
  /**
   * subjects whose only records meeting the criteria are the basis of an entry of the list that
   * has ended or was rejected: the same facts are not listed a second time
   */
  alreadyEnded: number;
}

const PAGE = 1000;

/**
 * Evaluates the criteria of every decided list type over the current records and
 * proposes each subject that meets them and is not already on the list. The proposal is
 * made in the name of the authority that furnished the record; deciding stays with the owner.
 */
export async function proposeCandidates(
  deps: ServiceDeps,
  listTypeId?: string,
): Promise<CandidateResult> {
  const result: CandidateResult = {
    proposed: [],
    alreadyListed: 0,
    alreadyProposed: 0,
    alreadyEnded: 0,
  };
  const date = dateOf(deps.clock.now());
  for (const type of deps.catalog.listTypes.values()) {
    if (type.designation !== 'decided' || (listTypeId && type.id !== listTypeId)) continue;
    const done = new Set<string>();
    const spent = new Set<string>();
    const decidedOn = factsDecided(deps, type.id);
    let afterId: string | undefined;
    for (;;) {
      const page = await deps.store.scanRecordVersions({
        types: type.criteria.map((c) => c.recordType),
        limit: PAGE,
        ...(afterId ? { afterId } : {}),
      });
      const heads = await deps.store.findRecordHeads(page);
      for (const version of await withAuthorityDomains(deps, page)) {
        const head = heads.get(sourceKey(version));
        // a revoked or repaired record makes no new proposal
        const current =
          head?.id === version.id && head.action !== 'revoke' && head.action !== 'repair';
        if (!current || done.has(version.subjectId) || version.decisionDate > date) continue;
        if (matchingCriteria(type, version).length === 0) continue;
        const decided = await decidedOn(version.subjectId);
        if (decided.has(sourceKey(version))) {
          spent.add(version.subjectId);
          continue;
        }
        done.add(version.subjectId);
        const subject = await deps.store.getSubject(version.subjectId);
        const identifier = subject?.identifiers[0]?.value;
        if (!identifier) continue;
        try {
          result.proposed.push(
            await proposeEntry(deps, {
              identifier,
              listType: type.id,
              // where an ended entry rested on some of its records, the new facts alone are the
              // basis; else every current record that meets the criteria
              ...(decided.size > 0 ? { recordIds: [version.id] } : {}),
              reason: `meets the criteria of ${type.id} (record ${version.id})`,
              actor: 'candidates',
              authorityId: version.authorityId,
            }),
          );
        } catch (error) {
          if (!isCredenceError(error) || error.code !== 'LIST_ALREADY_LISTED') throw error;
          if (error.detail.state === 'effective') result.alreadyListed += 1;
          else result.alreadyProposed += 1;
        }
      }
      if (page.length < PAGE) break;
      afterId = page[page.length - 1]!.id;
    }
    for (const subjectId of spent) if (!done.has(subjectId)) result.alreadyEnded += 1;
  }
  return result;
}

/**
 * Per subject, the records (by source, so a corrected version counts as the same facts) that an
 * entry of the list type rested on which has ended or was rejected.
 */
function factsDecided(deps: ServiceDeps, listType: string) {
  const bySubject = new Map<string, Set<string>>();
  return async (subjectId: string): Promise<Set<string>> => {
    const known = bySubject.get(subjectId);
    if (known) return known;
    const ended = (await deps.store.listEntriesOf([subjectId])).filter(
      (e) => e.listType === listType && (e.state === 'removed' || e.state === 'rejected'),
    );
    const keys = new Set<string>();
    for (const id of ended.flatMap((e) => e.recordIds)) {
      const version = await deps.store.getRecordVersion(id);
      if (version) keys.add(sourceKey(version));
    }
    bySubject.set(subjectId, keys);
    return keys;
  };
}
