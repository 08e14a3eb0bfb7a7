import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MembershipKind, SubjectClass } from '../domain/membership.js';
import { USCC_AUTHORITIES } from '../domain/identifiers/uscc-entity-types.js';
import { RELATION_KINDS } from '../domain/subject.js';
import { duplicates } from './cross-checks.js';
import { membershipsFileSchema } from './membership-schema.js';
import { parseWith, readSource, type CatalogProblem, type Report, type Segment } from './source.js';

export const MEMBERSHIPS_FILE = 'memberships.yaml';

/**
 * memberships.yaml (optional): membership relation kinds (issue 22). Ids unique and not a
 * relation kind of the registry, a legal basis each, writers' domains that exist, USCC classes
 * the GB 32100 table knows and whose kind agrees with the class's kinds.
 */
export async function readMemberships(
  dir: string,
  domainIds: ReadonlySet<string> | null,
  problems: CatalogProblem[],
): Promise<Map<string, MembershipKind>> {
  if (!existsSync(join(dir, MEMBERSHIPS_FILE))) return new Map();
  const source = await readSource(dir, MEMBERSHIPS_FILE, [], problems);
  const parsed = source && parseWith(membershipsFileSchema, source);
  if (!source || !parsed) return new Map();
  const kinds = parsed.memberships;
  duplicates(
    kinds.map((k) => k.id),
    (i, id) => source.report(['memberships', i, 'id'], `duplicate membership id "${id}"`),
  );
  kinds.forEach((kind, i) => {
    const report: Report = (path, message) => source.report(['memberships', i, ...path], message);
    if ((RELATION_KINDS as readonly string[]).includes(kind.id))
      report(['id'], `"${kind.id}" is a relation kind of the registry, not a membership`);
    if (kind.legalBasis.length === 0)
      report(['legalBasis'], 'every membership names its legal basis');
    kind.writers.domains.forEach((d, j) => {
      if (domainIds && !domainIds.has(d))
        report(['writers', 'domains', j], `unknown domain "${d}"`);
    });
    checkClass(kind.group, ['group'], report);
    checkClass(kind.members, ['members'], report);
    if (!kind.group.uscc)
      report(['group', 'uscc'], 'a group is an organization named by its USCC class (e.g. N2)');
  });
  return new Map(kinds.map((k) => [k.id, k]));
}

function checkClass(cls: SubjectClass, at: Segment[], report: Report) {
  cls.uscc?.forEach((code, j) => {
    const type = USCC_AUTHORITIES[code.charAt(0)]?.types[code.charAt(1)];
    if (!type)
      report(
        [...at, 'uscc', j],
        `"${code}" is no registration authority and entity type of GB 32100`,
      );
    else if (type.kind && !cls.kinds.includes(type.kind))
      report(
        [...at, 'uscc', j],
        `a USCC of class "${code}" is a ${type.kind}, which kinds does not name`,
      );
  });
}
