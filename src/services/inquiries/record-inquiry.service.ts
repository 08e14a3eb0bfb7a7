import type { Inquiry } from '../../domain/inquiry.js';
import { displayName, type Subject } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import type { FileItem } from '../records/subject-file.service.js';
import { subjectOverview, type Flagged } from '../subject-overview.service.js';
import {
  itemReadable,
  logInquiry,
  ownsItem,
  statedPurpose,
  type InquiryRequest,
} from './inquiry.service.js';
import { regionInScope } from './purpose-scope.js';

/** One record read by id for a purpose, as the officer's queue opens it. */
export interface InquiredRecord {
  asOf: string;
  purpose: string;
  subject: Pick<Subject, 'id' | 'kind' | 'region' | 'names'> & { name: string };
  /** the record as of today: its current version, status, visibility, window and history */
  item: Flagged<FileItem>;
  inquiry: Inquiry;
}

export interface RecordInquiryRequest extends Omit<InquiryRequest, 'identifier' | 'asOf'> {
  /** any version id of the record */
  id: string;
}

/**
 * An officer's read of one record by id (SPEC 4.8): the purpose is checked as for a full-file
 * read, and the read lands in the subject's inquiry log the same way. A record outside the
 * purpose's reach (the subject outside the reader's regions, a restricted type it does not
 * cover) answers as one that does not exist, and logs nothing.
 */
export async function inquireRecord(
  deps: ServiceDeps,
  request: RecordInquiryRequest,
): Promise<InquiredRecord> {
  const { reader } = request;
  const { purpose, scope, consent } = await statedPurpose(deps, request);
  const notFound = () =>
    new CredenceError('RECORD_NOT_FOUND', 'no record this purpose reaches has this id', {
      field: 'id',
    });
  const version = await deps.store.getRecordVersion(request.id);
  const subject = version ? await deps.store.getSubject(version.subjectId) : null;
  if (!version || !subject || !ownsItem(reader, subject.id)) throw notFound();
  if (!regionInScope(scope, subject.region)) throw notFound();
  const overview = await subjectOverview(deps, subject);
  const item = overview.items.find((i) => i.recordId === version.recordId);
  if (!item || !itemReadable(deps, purpose, scope, item)) throw notFound();
  const inquiry = await logInquiry(deps, reader, purpose.id, subject.id, [item], consent);
  const { id, kind, region, names } = subject;
  return {
    asOf: overview.asOf,
    purpose: purpose.id,
    subject: { id, kind, region, names, name: displayName(subject) },
    item,
    inquiry,
  };
}
