import { appliesInRegion } from '../../domain/catalog-layers.js';
import type { InquiryPurpose } from '../../domain/catalog.js';
import { coversRegion, type Authority } from '../../domain/authority.js';
import { isIsoDate } from '../../domain/dates.js';
import type { ConsentReference } from '../../domain/inquiry.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import type { Reader } from './inquiry.service.js';

/** A consent reference as a caller gives it: any part may be missing. */
export interface ConsentInput {
  document?: string | undefined;
  date?: string | undefined;
  scope?: string | undefined;
}

/** The consent fields as requests and errors name them. */
const FIELDS = { document: 'consentDocument', date: 'consentDate', scope: 'consentScope' } as const;
const LIMITS = { document: 128, scope: 500 } as const;

/**
 * The consent a read rests on: required, whole and valid for a consent-based purpose (its date
 * a real calendar date, not after today), refused for any other purpose.
 */
export function consentFor(
  purpose: InquiryPurpose,
  input: ConsentInput | undefined,
  today: string,
): ConsentReference | null {
  const given = (Object.keys(FIELDS) as Array<keyof typeof FIELDS>).filter(
    (key) => input?.[key] !== undefined,
  );
  if (!purpose.consent) {
    const [extra] = given;
    if (extra === undefined) return null;
    throw new CredenceError('CONSENT_INVALID', `${purpose.id} is not a consent-based purpose`, {
      field: FIELDS[extra],
    });
  }
  const value = (key: keyof typeof FIELDS): string => {
    const text = input?.[key]?.trim() ?? '';
    if (!text) {
      throw new CredenceError(
        'CONSENT_REQUIRED',
        `${purpose.id} needs the subject's consent: ${FIELDS[key]} is missing`,
        { field: FIELDS[key] },
      );
    }
    return text;
  };
  const consent = { document: value('document'), date: value('date'), scope: value('scope') };
  for (const key of ['document', 'scope'] as const) {
    if (consent[key].length > LIMITS[key]) {
      throw new CredenceError(
        'CONSENT_INVALID',
        `${FIELDS[key]}: at most ${LIMITS[key]} characters`,
        {
          field: FIELDS[key],
        },
      );
    }
  }
  if (!isIsoDate(consent.date) || consent.date > today) {
    throw new CredenceError(
      'CONSENT_INVALID',
      `consentDate: a real calendar date (YYYY-MM-DD) not after ${today}`,
      { field: FIELDS.date },
    );
  }
  return consent;
}

/** Whom a read is bounded by: null for a reader of no authority (a subject, the console). */
export interface ReadScope {
  authority: Authority | null;
  jurisdiction: InquiryPurpose['jurisdiction'];
  /** a regional layer's purpose reaches only subjects in its region (issue 22) */
  layer?: InquiryPurpose['layer'];
}

const outOfScope = (message: string) =>
  new CredenceError('PURPOSE_OUT_OF_SCOPE', message, { field: 'purpose' });

/**
 * Checks that a purpose serves the reader's authority (its domains) before anything is read.
 * A subject's account is bound to its own file instead, and the operator's console (no
 * authority) holds the database itself.
 */
export async function readScope(
  deps: ServiceDeps,
  purpose: InquiryPurpose,
  reader: Reader,
): Promise<ReadScope> {
  const layer = purpose.layer ? { layer: purpose.layer } : {};
  if (!reader.authorityId) return { authority: null, jurisdiction: purpose.jurisdiction, ...layer };
  const authority = await deps.store.getAuthority(reader.authorityId);
  if (!authority)
    throw outOfScope(`the reader's authority ${reader.authorityId} is not registered`);
  if (purpose.domains !== 'any' && !purpose.domains.some((d) => authority.domains.includes(d))) {
    throw outOfScope(
      `${purpose.id} serves authorities of ${purpose.domains.join(', ')}; ${authority.id} acts in ${authority.domains.join(', ')}`,
    );
  }
  return { authority, jurisdiction: purpose.jurisdiction, ...layer };
}

/** Refuses a subject outside the reader's regions where the purpose reaches its own only. */
export function assertSubjectInScope(scope: ReadScope, region: string | null): void {
  const { authority, layer } = scope;
  if (layer && !appliesInRegion(scope, region))
    throw outOfScope(
      `this purpose of ${layer.name.en} (${layer.name.zh}) reaches subjects in its region (prefix ${layer.prefix}) only`,
    );
  if (authority && !regionInScope(scope, region)) {
    throw outOfScope(
      `this purpose reaches subjects in the reader's regions (${authority.regions.join(', ')}) only`,
    );
  }
}

/** Whether a subject of this region is inside the scope: its layer's region, if any, and the reader's own where the purpose reaches its own. */
export function regionInScope(scope: ReadScope, region: string | null): boolean {
  const { authority } = scope;
  if (!appliesInRegion(scope, region)) return false;
  return scope.jurisdiction !== 'own' || !authority || coversRegion(authority.regions, region);
}

/** Whether a restricted record of this type is inside the scope (its type in the reader's domains). */
export function typeInScope(deps: ServiceDeps, scope: ReadScope, type: string): boolean {
  const { authority } = scope;
  if (scope.jurisdiction !== 'own' || !authority) return true;
  const domains = deps.catalog.recordTypes.get(type)?.domains ?? [];
  return domains.includes('any') || domains.some((d) => authority.domains.includes(d));
}
