import { dateOf } from '../../domain/clock.js';
import { parseIdentifierKey } from '../../domain/identifiers/index.js';
import { RELATION_KINDS, type RelationKind, type Subject } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import { identifierKey, type IdentifierKey, type StoreReads } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { problemsError } from '../problems.js';
import { newSubject } from '../records/record-writer.js';
import { prepareSubjectClaim, type SubmissionInput } from '../records/submission.js';

/**
 * Registers a subject from the same columns a record submission uses
 * (subject_identifier, subject_scheme, subject_kind, subject_name, subject_name_en, subject_region).
 */
export async function registerSubject(
  deps: ServiceDeps,
  input: SubmissionInput,
  actor: string,
): Promise<Subject> {
  const at = deps.clock.now();
  const prepared = prepareSubjectClaim(input, dateOf(at));
  if (!prepared.ok) throw problemsError(prepared.problems);
  const { claim } = prepared;
  if (!claim.name)
    throw new CredenceError('SUBJECT_NAME_REQUIRED', undefined, { field: 'subject_name' });
  const subject = newSubject(claim, at.toISOString());
  const taken = () =>
    new CredenceError(
      'SUBJECT_IDENTIFIER_TAKEN',
      `${claim.scheme} ${claim.value} is already registered`,
      {
        field: 'subject_identifier',
      },
    );
  await deps.store.transaction(async (tx) => {
    if ((await tx.findSubjects([claim])).has(identifierKey(claim))) throw taken();
    // a concurrent registration of the same identifier may have got there first
    if ((await tx.createSubjects([subject])).length > 0) throw taken();
    await tx.appendAudit({
      at: subject.createdAt,
      actor,
      action: 'subject.register',
      subjectIds: [subject.id],
      payload: subject,
    });
  });
  return subject;
}

/** Finds a subject by any identifier (scheme detected unless given), or fails with SUBJECT_NOT_FOUND. */
export async function findSubject(
  deps: ServiceDeps,
  raw: string,
  scheme?: string,
): Promise<Subject> {
  const key = subjectKey(deps, raw, scheme);
  const ref = (await deps.store.findSubjects([key])).get(identifierKey(key));
  const subject = ref ? await deps.store.getSubject(ref.id) : null;
  if (!subject) throw subjectNotFound(key);
  return subject;
}

/** An identifier as the store looks it up (scheme detected unless given), or its coded error. */
export function subjectKey(
  deps: ServiceDeps,
  raw: string,
  scheme?: string,
  field = 'identifier',
): IdentifierKey {
  // a key, not decoded: a lookup by USCC is on every public view's path
  return parseIdentifierKey(raw, {
    today: dateOf(deps.clock.now()),
    field,
    ...(scheme ? { scheme: scheme as never } : {}),
  });
}

/** SUBJECT_NOT_FOUND for an identifier no subject carries. */
export function subjectNotFound(key: IdentifierKey, field = 'identifier'): CredenceError {
  return new CredenceError('SUBJECT_NOT_FOUND', `no subject carries ${key.scheme} ${key.value}`, {
    field,
  });
}

/** The subject an identifier names, read in a transaction (or outside one), or SUBJECT_NOT_FOUND. */
export async function subjectIn(
  reads: StoreReads,
  key: IdentifierKey,
  field = 'identifier',
): Promise<Subject> {
  const ref = (await reads.findSubjects([key])).get(identifierKey(key));
  const subject = ref ? await reads.getSubject(ref.id) : null;
  if (!subject) throw subjectNotFound(key, field);
  return subject;
}

/** Records that `other` stands in `kind` to `subject` (e.g. legal representative). */
export async function addRelation(
  deps: ServiceDeps,
  subjectIdentifier: string,
  kind: string,
  otherIdentifier: string,
  actor: string,
): Promise<void> {
  if (!(RELATION_KINDS as readonly string[]).includes(kind)) {
    throw new CredenceError('FIELD_ENUM', `relation must be one of ${RELATION_KINDS.join(', ')}`, {
      field: 'relation',
    });
  }
  const subject = await findSubject(deps, subjectIdentifier);
  const other = await findSubject(deps, otherIdentifier);
  const relation = {
    kind: kind as RelationKind,
    otherId: other.id,
    validFrom: dateOf(deps.clock.now()),
    validTo: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.addRelation(subject.id, relation);
    await tx.appendAudit({
      at: deps.clock.now().toISOString(),
      actor,
      action: 'subject.relate',
      subjectIds: [subject.id, other.id],
      payload: { subjectId: subject.id, ...relation },
    });
  });
}
