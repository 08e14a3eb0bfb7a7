import { dateOf } from '../../domain/clock.js';
import { PERSON_SCHEMES } from '../../domain/masking.js';
import { displayName, type RelationKind } from '../../domain/subject.js';
import { identifierKey } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { subjectKey, subjectNotFound } from '../subjects/subjects.service.js';

/** The relations the registration of an organization publishes (its licence names them). */
const PUBLISHED_ROLES: readonly RelationKind[] = ['legal_representative', 'principal'];

export interface PublicRepresentative {
  kind: RelationKind;
  /** the person's (or organization's) current name; a person's number is never shown here */
  name: string;
  since: string | null;
}

/**
 * An organization's legal representative and principal in force today, by name, as its
 * registration publishes them (issue 18). Read live, not saved with the view: a renamed person
 * shows at once. A person's identifier answers as one no one carries (a person's file is found
 * only with the name), so the route is no oracle for a person's number.
 */
export async function publicRepresentatives(
  deps: ServiceDeps,
  identifier: string,
): Promise<PublicRepresentative[]> {
  const key = subjectKey(deps, identifier);
  if (PERSON_SCHEMES.has(key.scheme)) throw subjectNotFound(key);
  const ref = (await deps.store.findSubjects([key])).get(identifierKey(key));
  const subject = ref && (await deps.store.getSubject(ref.id));
  if (!subject || subject.kind === 'person') throw subjectNotFound(key);
  const today = dateOf(deps.clock.now());
  const current = subject.relations.filter(
    (r): r is typeof r & { kind: RelationKind } =>
      (PUBLISHED_ROLES as readonly string[]).includes(r.kind) &&
      (r.validFrom === null || r.validFrom <= today) &&
      (r.validTo === null || r.validTo >= today),
  );
  const found: PublicRepresentative[] = [];
  for (const relation of current) {
    const other = await deps.store.getSubject(relation.otherId);
    if (other)
      found.push({ kind: relation.kind, name: displayName(other), since: relation.validFrom });
  }
  return found;
}
