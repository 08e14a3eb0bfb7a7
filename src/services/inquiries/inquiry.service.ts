import type { Account } from '../../domain/account.js';
import type { InquiryPurpose } from '../../domain/catalog.js';
import type { ConsentReference, Inquiry } from '../../domain/inquiry.js';
import type { Subject } from '../../domain/subject.js';
import { findSubject, subjectKey, subjectNotFound } from '../subjects/subjects.service.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { dateOf } from '../../domain/clock.js';
import type { FileItem } from '../records/subject-file.service.js';
import { subjectOverview, type SubjectOverview } from '../subject-overview.service.js';
import {
  assertSubjectInScope,
  consentFor,
  readScope,
  regionInScope,
  typeInScope,
  type ConsentInput,
  type ReadScope,
} from './purpose-scope.js';

/** The purpose a subject reads its own file under; no one else may use it. */
export const OWN_PURPOSE = 'subject_own';

/** Who reads: an account, or the operator's console acting on the subject's own request. */
export type Reader = Pick<Account, 'id' | 'name' | 'role' | 'authorityId' | 'subjectId'>;

/** Whether a reader may act on an item of this subject: a subject's account only on its own. */
export const ownsItem = (reader: Reader, subjectId: string): boolean =>
  reader.role !== 'subject' || reader.subjectId === subjectId;

/**
 * The subject an identifier names, as the reader may reach it: a subject's account reaches only
 * its own file (report, inquiry log, objections, repairs), and another's is answered as a number
 * no one carries, since a refusal for a number on file would confirm it.
 */
export async function findReadableSubject(
  deps: ServiceDeps,
  reader: Reader,
  identifier: string,
): Promise<Subject> {
  const subject = await findSubject(deps, identifier);
  assertOwnFile(deps, reader, subject.id, identifier);
  return subject;
}

function assertOwnFile(deps: ServiceDeps, reader: Reader, subjectId: string, identifier: string) {
  if (!ownsItem(reader, subjectId)) throw subjectNotFound(subjectKey(deps, identifier));
}

export interface InquiryRequest {
  reader: Reader;
  identifier: string;
  purpose: string;
  asOf?: string;
  /** the subject's consent, for a purpose the catalog marks consent-based */
  consent?: ConsentInput;
}

/** A full file as one reader may see it for one purpose, and the inquiry that read it. */
export interface InquiredFile extends SubjectOverview {
  purpose: string;
  /** restricted records the purpose does not cover, left out of `items` */
  withheld: number;
  inquiry: Inquiry;
}

/**
 * Every read of a subject's full file goes through here (SPEC 4.8): the purpose must be in
 * the catalog and serve the reader (its role, its authority's domains, the subject in its
 * jurisdiction where the purpose says so), a consent-based purpose carries the subject's
 * consent, restricted records show only where the purpose covers their type (and, for a
 * purpose of the reader's own jurisdiction, the type is of its domains), and the read lands in
 * the subject's inquiry log and the audit log in one transaction. A refused read logs nothing.
 */
export async function inquireFile(
  deps: ServiceDeps,
  request: InquiryRequest,
): Promise<InquiredFile> {
  const { reader } = request;
  const { purpose, scope, consent } = await statedPurpose(deps, request);
  const subject = await findSubject(deps, request.identifier);
  assertOwnFile(deps, reader, subject.id, request.identifier);
  // a person outside the purpose's reach is a number no one carries: a refusal would confirm it
  if (subject.kind === 'person' && !regionInScope(scope, subject.region))
    throw subjectNotFound(subjectKey(deps, request.identifier));
  assertSubjectInScope(scope, subject.region);
  const overview = await subjectOverview(deps, subject, request.asOf);
  const items = overview.items.filter((i) => itemReadable(deps, purpose, scope, i));
  const inquiry = await logInquiry(deps, reader, purpose.id, overview.subject.id, items, consent);
  return {
    ...overview,
    items,
    purpose: purpose.id,
    withheld: overview.items.length - items.length,
    inquiry,
  };
}

/** A purpose as the reader states it: in the catalog, of the reader's role, domains and consent. */
export async function statedPurpose(
  deps: ServiceDeps,
  request: Pick<InquiryRequest, 'reader' | 'purpose' | 'consent'>,
): Promise<{ purpose: InquiryPurpose; scope: ReadScope; consent: ConsentReference | null }> {
  const { reader } = request;
  const purpose = deps.catalog.purposes.get(request.purpose);
  if (!purpose) {
    throw new CredenceError(
      'PURPOSE_UNKNOWN',
      `no inquiry purpose "${request.purpose}" in the catalog`,
      {
        field: 'purpose',
      },
    );
  }
  // each purpose names who may state it: a regulator cannot claim a bank's loan approval
  if (!purpose.roles.includes(reader.role)) {
    throw new CredenceError(
      'PURPOSE_FORBIDDEN',
      `a ${reader.role} may not state ${purpose.id}; it is for ${purpose.roles.join(', ')}`,
      { field: 'purpose' },
    );
  }
  const scope = await readScope(deps, purpose, reader);
  const consent = consentFor(purpose, request.consent, dateOf(deps.clock.now()));
  return { purpose, scope, consent };
}

/** Whether the purpose shows this item: a restricted one only where it covers the type in scope. */
export function itemReadable(
  deps: ServiceDeps,
  purpose: InquiryPurpose,
  scope: ReadScope,
  item: Pick<FileItem, 'visibility' | 'current'>,
): boolean {
  return (
    item.visibility !== 'restricted' ||
    (purpose.recordTypes.includes(item.current.type) && typeInScope(deps, scope, item.current.type))
  );
}

/** Lands a read in the subject's inquiry log and the audit log, in one transaction. */
export async function logInquiry(
  deps: ServiceDeps,
  reader: Reader,
  purpose: string,
  subjectId: string,
  items: ReadonlyArray<Pick<FileItem, 'visibility' | 'current'>>,
  consent: ConsentReference | null,
): Promise<Inquiry> {
  const at = deps.clock.now().toISOString();
  const read = {
    recordIds: items.map((i) => i.current.id),
    restricted: items.filter((i) => i.visibility === 'restricted').map((i) => i.current.id),
  };
  return deps.store.transaction(async (tx) => {
    const logged = await tx.appendInquiry({
      subjectId,
      accountId: reader.id,
      accountName: reader.name,
      authorityId: reader.authorityId,
      purpose,
      at,
      read,
      consent,
    });
    await tx.appendAudit({
      at,
      actor: reader.id,
      action: 'subject.inquire',
      subjectIds: [subjectId],
      payload: {
        purpose,
        inquiry: logged.seq,
        ...read,
        ...(consent ? { consent } : {}),
      },
    });
    return logged;
  });
}
