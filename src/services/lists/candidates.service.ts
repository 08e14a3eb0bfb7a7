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
  const result: CandidateResult = { proposed: [], alreadyListed: 0, alreadyProposed: 0 };
  const date = dateOf(deps.clock.now());
  for (const type of deps.catalog.listTypes.values()) {
    if (type.designation !== 'decided' || (listTypeId && type.id !== listTypeId)) continue;
    const done = new Set<string>();
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
        done.add(version.subjectId);
        const subject = await deps.store.getSubject(version.subjectId);
        const identifier = subject?.identifiers[0]?.value;
        if (!identifier) continue;
        try {
          result.proposed.push(
            await proposeEntry(deps, {
              identifier,
              listType: type.id,
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
  }
  return result;
}
