import type { RecordVersion } from '../../domain/record.js';
import { authorityMap } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';

export type CandidateRecord = RecordVersion & { authorityDomains: string[] };

/** Records with their furnishing authority's domains, which some criteria require (e.g. market regulators only). */
export async function withAuthorityDomains(
  deps: ServiceDeps,
  records: readonly RecordVersion[],
): Promise<CandidateRecord[]> {
  const authorities = await authorityMap(deps);
  return records.map((r) => ({
    ...r,
    authorityDomains: authorities.get(r.authorityId)?.domains ?? [],
  }));
}
