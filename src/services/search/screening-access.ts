import { PERSON_SCHEMES } from '../../domain/masking.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import { normaliseIdentifier } from '../../domain/search/normalise.js';
import type { Subject } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import type { ConsentReference } from '../../domain/inquiry.js';
import { OWN_PURPOSE, type Reader } from '../inquiries/inquiry.service.js';
import {
  consentFor,
  readScope,
  regionInScope,
  type ConsentInput,
} from '../inquiries/purpose-scope.js';
import type { ScreenQuery } from './screening.service.js';

/**
 * Who screens, and for what (SPEC 4.9): persons are screened only for a catalog purpose the
 * reader's role may state, since a comparison of a birth date or a number confirms it. Without
 * one, persons are no candidates at all, and a query that can only be about a person is refused.
 */
export interface ScreeningAccess {
  reader: Reader;
  purpose?: string;
  /** the person's consent, for a consent-based purpose (one query at a time) */
  consent?: ConsentInput;
}

/** The purpose persons are screened for, the consent it rests on and whom it reaches. */
export interface ScreeningPurpose {
  id: string;
  consent: ConsentReference | null;
  /** whether a person is within the purpose's jurisdiction for this reader */
  admits: (person: Subject) => boolean;
}

/** A query that names a person by what only persons have: the kind, a birth date, their number. */
export function screensPersons(q: ScreenQuery, today: string): boolean {
  if (q.kind === 'person' || q.birthDate !== undefined || q.birthYear !== undefined) return true;
  return (q.identifiers ?? []).some((raw) => {
    const parsed = safeParseIdentifier(normaliseIdentifier(raw), { today, field: 'identifiers' });
    return parsed.ok && PERSON_SCHEMES.has(parsed.info.scheme);
  });
}

/**
 * The purpose persons are screened for, checked as a read of their file would be; null where
 * the batch screens no person and states none. A subject's own purpose screens no one else.
 */
export async function screeningPurpose(
  deps: ServiceDeps,
  access: ScreeningAccess,
  queries: readonly ScreenQuery[],
  today: string,
): Promise<ScreeningPurpose | null> {
  if (access.purpose === undefined) {
    const at = queries.findIndex((q) => screensPersons(q, today));
    if (at >= 0)
      throw new CredenceError(
        'SCREEN_PURPOSE_REQUIRED',
        `query ${at} screens a person (kind, birth date or a person's identifier): state the purpose`,
        { field: 'purpose' },
      );
    return null;
  }
  const purpose = deps.catalog.purposes.get(access.purpose);
  if (!purpose)
    throw new CredenceError(
      'PURPOSE_UNKNOWN',
      `no inquiry purpose "${access.purpose}" in the catalog`,
      {
        field: 'purpose',
      },
    );
  const { role } = access.reader;
  if (purpose.id === OWN_PURPOSE || !purpose.roles.includes(role))
    throw new CredenceError(
      'PURPOSE_FORBIDDEN',
      purpose.id === OWN_PURPOSE
        ? `${OWN_PURPOSE} reads one's own file; it screens no one`
        : `a ${role} may not state ${purpose.id}; it is for ${purpose.roles.join(', ')}`,
      { field: 'purpose' },
    );
  // as a read of the file would be: the purpose serves the reader's domains, consent where the
  // law asks for it, and persons of the reader's regions only where the purpose reaches its own
  const scope = await readScope(deps, purpose, access.reader);
  const consent = consentFor(purpose, access.consent, today);
  if (consent !== null && queries.length > 1)
    throw new CredenceError(
      'CONSENT_INVALID',
      `${purpose.id} rests on one person's consent: screen one query at a time`,
      { field: 'queries' },
    );
  return { id: purpose.id, consent, admits: (person) => regionInScope(scope, person.region) };
}

/**
 * Lands the screening in the inquiry log of each person answered as a candidate (who, when,
 * for what purpose) and in the audit log, in one transaction.
 */
export async function logScreenedPersons(
  deps: ServiceDeps,
  access: ScreeningAccess,
  { id: purpose, consent }: ScreeningPurpose,
  persons: readonly Subject[],
): Promise<void> {
  const ids = [...new Set(persons.map((p) => p.id))];
  if (ids.length === 0) return;
  const { reader } = access;
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const seqs: number[] = [];
    for (const subjectId of ids) {
      const logged = await tx.appendInquiry({
        subjectId,
        accountId: reader.id,
        accountName: reader.name,
        authorityId: reader.authorityId,
        purpose,
        at,
        consent,
        read: { recordIds: [], restricted: [] },
      });
      seqs.push(logged.seq);
    }
    await tx.appendAudit({
      at,
      actor: reader.id,
      action: 'subject.screen',
      subjectIds: ids,
      payload: { purpose, inquiries: seqs },
    });
  });
}
