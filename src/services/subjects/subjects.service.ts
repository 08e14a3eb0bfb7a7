import { dateOf } from '../../domain/clock.js';
import { parseIdentifierKey } from '../../domain/identifiers/index.js';
import { isKeyedScheme } from '../../domain/ids.js';
import {
  RELATION_KINDS,
  type RelationKind,
  type Subject,
  type SubjectRelation,
  type SubjectRelationKind,
} from '../../domain/subject.js';
import { inClass, type MembershipKind } from '../../domain/membership.js';
import { CredenceError } from '../../errors.js';
import {
  identifierKey,
  type IdentifierKey,
  type StoreReads,
  type StoreTx,
} from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { problemsError } from '../problems.js';
import { newSubject } from '../records/record-writer.js';
import { prepareSubjectClaim, type SubmissionInput } from '../records/submission.js';
import {
  assertMembershipInScope,
  assertRelationInScope,
  assertSubjectInScope,
  CONSOLE,
  SANCTION_RELATIONS,
  scopeAuthority,
  type WriteScope,
} from './subject-scope.js';

/**
 * Registers a subject from the same columns a record submission uses
 * (subject_identifier, subject_scheme, subject_kind, subject_name, subject_name_en, subject_region).
 */
export async function registerSubject(
  deps: ServiceDeps,
  input: SubmissionInput,
  actor: string,
  scope: WriteScope = CONSOLE,
): Promise<Subject> {
  const at = deps.clock.now();
  const prepared = prepareSubjectClaim(input, dateOf(at));
  if (!prepared.ok) throw problemsError(prepared.problems);
  const { claim } = prepared;
  if (!claim.name)
    throw new CredenceError('SUBJECT_NAME_REQUIRED', undefined, { field: 'subject_name' });
  assertSubjectInScope(scope, claim.region, 'subject_identifier');
  const subject = newSubject(claim, at.toISOString(), await deps.store.subjectIdKey());
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
      payload: { ...subject, authorityId: scopeAuthority(scope) },
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

export interface RelationInput {
  /** the organization, by any identifier */
  subject: string;
  kind: string;
  /** the related subject (e.g. the person who is legal representative), by any identifier */
  other: string;
  /** the document the relation rests on: required for the relations that carry sanctions */
  basis?: string | undefined;
}

/** A relation kind with the rule its writes follow: the fixed kinds', or a membership's (issue 22). */
type RelationRule =
  { kind: RelationKind; membership: null } | { kind: string; membership: MembershipKind };

function relationRule(deps: ServiceDeps, kind: string): RelationRule {
  const fixed = RELATION_KINDS.find((k) => k === kind);
  if (fixed) return { kind: fixed, membership: null };
  const membership = deps.catalog.memberships.get(kind);
  if (membership) return { kind, membership };
  const known = [...RELATION_KINDS, ...deps.catalog.memberships.keys()];
  throw new CredenceError('FIELD_ENUM', `relation must be one of ${known.join(', ')}`, {
    field: 'kind',
  });
}

/**
 * Records that `other` stands in `kind` to the organization `subject` (e.g. legal representative),
 * within the writer's scope (SANCTION_RELATIONS only from market registration, with a basis).
 */
export async function addRelation(
  deps: ServiceDeps,
  input: RelationInput,
  actor: string,
  scope: WriteScope = CONSOLE,
): Promise<void> {
  const rule = relationRule(deps, input.kind);
  const basis = input.basis?.trim() || null;
  if (!rule.membership && SANCTION_RELATIONS.includes(rule.kind) && !basis)
    throw new CredenceError(
      'RELATION_BASIS_REQUIRED',
      `a ${rule.kind} relation names its basis document, e.g. the registration it comes from`,
      { field: 'basis' },
    );
  const firmKey = subjectKey(deps, input.subject);
  const otherKey = subjectKey(deps, input.other, undefined, 'other');
  const onPerson = () =>
    new CredenceError(
      'RELATION_SUBJECT_KIND',
      'relations are recorded on the organization the other subject stands to',
      { field: 'identifier' },
    );
  // a person's number is refused before the look-up: whether anyone carries it stays unsaid
  if (isKeyedScheme(firmKey.scheme)) throw onPerson();
  const at = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const subject = await subjectIn(tx, firmKey);
    if (subject.kind === 'person') throw onPerson();
    if (rule.membership) assertMembershipInScope(scope, rule.membership, subject);
    else assertRelationInScope(scope, rule.kind, subject);
    const other = await subjectIn(tx, otherKey, 'other');
    if (rule.membership) await assertMembership(deps, tx, rule.membership, subject, other);
    await assertNoRelationInForce(tx, subject.id, rule.kind, other.id, dateOf(at));
    const relation: SubjectRelation = {
      kind: rule.kind,
      otherId: other.id,
      validFrom: dateOf(at),
      validTo: null,
      ...(basis ? { basis } : {}),
    };
    await tx.addRelation(subject.id, relation);
    await tx.appendAudit({
      at: at.toISOString(),
      actor,
      action: 'subject.relate',
      subjectIds: [subject.id, other.id],
      payload: { subjectId: subject.id, ...relation, authorityId: scopeAuthority(scope) },
    });
  });
}

/**
 * RELATION_DUPLICATE if `otherId` already stands in `kind` to the organization by a relation not
 * ended on `today`. The organization's lock is taken first and its relations read after it, so
 * two writers of the same relation (on PostgreSQL, in any process) take turns and the second
 * sees the first's row; SQLite's writes are serialised already.
 */
async function assertNoRelationInForce(
  tx: StoreTx,
  subjectId: string,
  kind: SubjectRelationKind,
  otherId: string,
  today: string,
): Promise<void> {
  await tx.lockSubjectLists([subjectId]);
  const current = await tx.getSubject(subjectId);
  const held = current?.relations.some(
    (r) => r.kind === kind && r.otherId === otherId && (r.validTo === null || today < r.validTo),
  );
  if (held)
    throw new CredenceError(
      'RELATION_DUPLICATE',
      `the other subject is already recorded as ${kind} of this organization, and that relation has not ended`,
      { field: 'other' },
    );
}

/**
 * A membership's group and member are of the membership's classes (a village by its USCC, a
 * household a person), the member is not the group, and the group is not among the member's
 * own members, at any depth: memberships form no cycle.
 */
async function assertMembership(
  deps: ServiceDeps,
  reads: StoreReads,
  membership: MembershipKind,
  group: Subject,
  member: Subject,
): Promise<void> {
  if (!inClass(group, membership.group))
    throw new CredenceError(
      'MEMBERSHIP_GROUP',
      `${membership.id} is recorded on a ${membership.group.label.en} (${membership.group.uscc?.join(', ')}); this organization's USCC says it is none`,
      { field: 'identifier' },
    );
  if (member.id === group.id)
    throw new CredenceError('MEMBERSHIP_CYCLE', 'a subject is no member of itself', {
      field: 'other',
    });
  if (!inClass(member, membership.members))
    throw new CredenceError(
      'MEMBERSHIP_MEMBER',
      `a member of ${membership.id} is a ${membership.members.label.en} (${[...membership.members.kinds, ...(membership.members.uscc ?? [])].join(', ')})`,
      { field: 'other' },
    );
  const kinds = new Set(deps.catalog.memberships.keys());
  const seen = new Set<string>([member.id]);
  for (let level = [member]; level.length > 0;) {
    const below = level.flatMap((s) =>
      s.relations.filter((r) => kinds.has(r.kind) && !seen.has(r.otherId)).map((r) => r.otherId),
    );
    if (below.includes(group.id))
      throw new CredenceError(
        'MEMBERSHIP_CYCLE',
        'the group is itself among the members of this member: memberships form no cycle',
        { field: 'other' },
      );
    below.forEach((id) => seen.add(id));
    level = below.length > 0 ? await reads.getSubjects(below) : [];
  }
}
