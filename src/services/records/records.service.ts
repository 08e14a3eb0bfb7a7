import { dateOf } from '../../domain/clock.js';
import { formatMinor } from '../../domain/money.js';
import { recordVersionId } from '../../domain/ids.js';
import type { RecordContent, RecordVersion, VersionAction } from '../../domain/record.js';
import { CredenceError } from '../../errors.js';
import { sourceKey, type StoreTx } from '../../store/store.js';
import { authorityMap } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';
import { owe, runFollowUps } from '../follow-ups/follow-ups.service.js';
import { problemsError } from '../problems.js';
import {
  contentHash,
  inBatchTransaction,
  writeSubmissions,
  type BatchRow,
  type RowOutcome,
} from './record-writer.js';
import { prepareSubmission, type SubmissionInput } from './submission.js';

export type SubmitResult = Extract<RowOutcome, { status: 'created' | 'unchanged' }>;

/** Submits one record; re-submitting the same source reference with the same content changes nothing. */
export async function submitRecord(
  deps: ServiceDeps,
  input: SubmissionInput,
  actor: string,
): Promise<SubmitResult> {
  const [outcome] = await submitRecords(deps, [input], actor);
  if (!outcome) throw new Error('submitRecords returned no outcome');
  if (outcome.status === 'rejected') throw problemsError(outcome.problems);
  return outcome;
}

/**
 * Submits a batch of records in one transaction: the valid ones land, each bad one is reported
 * with its position (`line`, from 1) and problems. Lists and ratings follow each created record.
 */
export async function submitRecords(
  deps: ServiceDeps,
  inputs: readonly SubmissionInput[],
  actor: string,
  source: Record<string, unknown> = { via: 'submit' },
): Promise<RowOutcome[]> {
  const now = deps.clock.now();
  const outcomes = new Map<number, RowOutcome>();
  const rows: BatchRow[] = [];
  inputs.forEach((input, i) => {
    const prepared = prepareSubmission(deps.catalog, input, dateOf(now));
    if (prepared.ok) rows.push({ line: i + 1, prepared: prepared.value });
    else outcomes.set(i + 1, { line: i + 1, status: 'rejected', problems: prepared.problems });
  });
  if (rows.length > 0) {
    const authorities = await authorityMap(deps);
    const typeOf = new Map(rows.map((r) => [r.line, r.prepared.content.type]));
    const written = await inBatchTransaction(deps.store, async (tx) => {
      const done = await writeSubmissions(tx, rows, {
        actor,
        at: now.toISOString(),
        authorities,
        source,
      });
      // lists and ratings follow each created record: owed in this transaction, run below
      const created = done.flatMap((o) =>
        o.status === 'created' ? [{ subjectId: o.subjectId, recordType: typeOf.get(o.line)! }] : [],
      );
      await owe(tx, created, now.toISOString());
      return done;
    });
    for (const o of written) outcomes.set(o.line, o);
    // an unchanged row may be the retry of a write whose follow-ups a crash cut off
    const touched = written.flatMap((o) => (o.status === 'rejected' ? [] : [o.subjectId]));
    await runFollowUps(deps, [...new Set(touched)]);
  }
  return inputs.map((_, i) => outcomes.get(i + 1) as RowOutcome);
}

/** Columns of a submission that a correction may not change: they say which record it is. */
const IDENTITY = ['type', 'authority', 'source_ref', 'subject_identifier', 'subject_scheme'];

/**
 * Corrects the current version of a record: a new version with the changed content
 * that supersedes the old one, which stays stored as it was.
 */
export async function correctRecord(
  deps: ServiceDeps,
  versionId: string,
  changes: SubmissionInput,
  reason: string,
  actor: string,
  also?: AlsoInTx,
): Promise<RecordVersion> {
  for (const key of IDENTITY) {
    if (key in changes) {
      throw new CredenceError(
        'FIELD_UNKNOWN',
        `${key} cannot change in a correction; revoke and submit anew`,
        { field: key },
      );
    }
  }
  const now = deps.clock.now();
  return changeRecord(
    deps,
    versionId,
    'correct',
    reason,
    actor,
    async (current, subjectInput) => {
      const prepared = prepareSubmission(
        deps.catalog,
        { ...asSubmission(current), ...subjectInput, ...changes },
        dateOf(now),
      );
      if (!prepared.ok) throw problemsError(prepared.problems);
      return {
        ...prepared.value.content,
        contentHash: contentHash(prepared.value.subject, prepared.value.content),
      };
    },
    also,
  );
}

/** A write that must land in the same transaction as the new version (or not at all). */
export type AlsoInTx = (tx: StoreTx, version: RecordVersion) => Promise<void>;

/** Revokes a record: a final version that withdraws it, with the reason. */
export async function revokeRecord(
  deps: ServiceDeps,
  versionId: string,
  reason: string,
  actor: string,
  also?: AlsoInTx,
): Promise<RecordVersion> {
  // the revocation keeps the content it withdraws
  return changeRecord(deps, versionId, 'revoke', reason, actor, async (current) => current, also);
}

/** Ends a record's publication early after an approved credit repair: a version with the same content. */
export async function repairRecord(
  deps: ServiceDeps,
  versionId: string,
  reason: string,
  actor: string,
): Promise<RecordVersion> {
  return changeRecord(deps, versionId, 'repair', reason, actor, async (current) => current);
}

type NextContent = RecordContent & { contentHash: string };

async function changeRecord(
  deps: ServiceDeps,
  versionId: string,
  action: Exclude<VersionAction, 'submit'>,
  reason: string,
  actor: string,
  next: (current: RecordVersion, subjectInput: SubmissionInput) => Promise<NextContent>,
  also?: AlsoInTx,
): Promise<RecordVersion> {
  if (!reason?.trim()) throw new CredenceError('REASON_REQUIRED', undefined, { field: 'reason' });
  const at = deps.clock.now().toISOString();
  // a retry after a crash may now be refused (the version is superseded): what the first
  // attempt committed still gets its follow-ups
  const named = await deps.store.getRecordVersion(versionId);
  if (named) await runFollowUps(deps, [named.subjectId]);
  const written = await deps.store.transaction(async (tx) => {
    const current = await tx.getRecordVersion(versionId);
    if (!current)
      throw new CredenceError('RECORD_NOT_FOUND', `no record version ${versionId}`, {
        field: 'record',
      });
    const head = (await tx.findRecordHeads([current])).get(sourceKey(current));
    if (head?.action === 'revoke')
      throw new CredenceError('RECORD_REVOKED', undefined, { field: 'record' });
    // a repaired record is out of public view for good; only a revocation may follow it
    if (head?.action === 'repair' && action !== 'revoke')
      throw new CredenceError('RECORD_REPAIRED', undefined, { field: 'record' });
    if (head && head.id !== current.id) {
      throw new CredenceError(
        'RECORD_STALE_VERSION',
        `version ${current.version} is superseded by version ${head.version} (${head.id})`,
        {
          field: 'record',
        },
      );
    }
    const subject = await tx.getSubject(current.subjectId);
    const primary = subject?.identifiers[0];
    const subjectInput = primary
      ? {
          subject_identifier: primary.value,
          subject_scheme: primary.scheme,
          subject_kind: subject.kind,
        }
      : {};
    const content = await next(current, subjectInput);
    const version = current.version + 1;
    const row: RecordVersion = {
      ...content,
      id: recordVersionId(current.authorityId, current.sourceRef, version),
      recordId: current.recordId,
      subjectId: current.subjectId,
      version,
      supersedes: current.id,
      action,
      reason: reason.trim(),
      disclosure: current.disclosure,
      recordedAt: at,
      recordedBy: actor,
    };
    await tx.insertRecordVersions([row]);
    await tx.appendAudit({
      at,
      actor,
      action: `records.${row.action}`,
      subjectIds: [row.subjectId],
      payload: {
        id: row.id,
        recordId: row.recordId,
        supersedes: row.supersedes,
        reason: row.reason,
        hash: row.contentHash,
      },
    });
    await owe(tx, [{ subjectId: row.subjectId, recordType: row.type }], at);
    await also?.(tx, row);
    return row;
  });
  await runFollowUps(deps, [written.subjectId]);
  return written;
}

/** A stored version written back as submission columns, so a correction is validated like a submission. */
function asSubmission(v: RecordVersion): SubmissionInput {
  const input: SubmissionInput = {
    type: v.type,
    authority: v.authorityId,
    source_ref: v.sourceRef,
    legal_basis: v.legalBasis,
    document_number: v.documentNumber,
    decision_date: v.decisionDate,
    effective_date: v.effectiveDate,
    end_date: v.endDate,
    facts: v.facts,
    severity: v.severity,
    ...v.fields,
  };
  for (const a of v.amounts) {
    input[a.field] = formatMinor(a.minor);
    input.currency = a.currency;
  }
  return input;
}
