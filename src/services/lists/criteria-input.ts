import type { Authority } from '../../domain/authority.js';
import type { RecordVersion } from '../../domain/record.js';
import { authorityMap } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';

export type CandidateRecord = RecordVersion & { authorityDomains: string[] };

/** Records with their furnishing authority's domains, which some criteria require (e.g. market regulators only). */
export async function withAuthorityDomains(
  deps: ServiceDeps,
  records: readonly RecordVersion[],
  known?: ReadonlyMap<string, Authority>,
): Promise<CandidateRecord[]> {
  const authorities = known ?? (await authorityMap(deps));
  return records.map((r) => ({
    ...r,
    authorityDomains: authorities.get(r.authorityId)?.domains ?? [],
  }));
}
