import { sha256 } from '../../domain/audit.js';
import { coversRegion, type Authority } from '../../domain/authority.js';
import type { RecordType } from '../../domain/catalog.js';
import { actsWithinLayer, appliesInRegion } from '../../domain/catalog-layers.js';
import type { RecordContent, RecordVersion } from '../../domain/record.js';
import { recordVersionId, subjectIdFor, type SubjectIdKey } from '../../domain/ids.js';
import type { Subject, SubjectName } from '../../domain/subject.js';
import {
  identifierKey,
  sourceKey,
  type RecordHead,
  type Store,
  type StoreTx,
  type SubjectRef,
} from '../../store/store.js';
import { CredenceError } from '../../errors.js';
import type { PreparedSubmission, Problem, SubjectClaim } from './submission.js';

export interface BatchRow {
  /** line number in the source file (or position in a request batch) */
  line: number;
  prepared: PreparedSubmission;
}

export type RowOutcome =
  | { line: number; status: 'created'; recordId: string; subjectId: string; warnings: string[] }
  | { line: number; status: 'unchanged'; recordId: string; subjectId: string; warnings: string[] }
  | { line: number; status: 'rejected'; problems: Problem[] };

export interface WriteOptions {
  actor: string;
  at: string;
  authorities: ReadonlyMap<string, Authority>;
  /** what to say in the audit entry about where the rows came from */
  source: Record<string, unknown>;
}

/** The hash that makes re-submission idempotent: the subject and the content, in a fixed order. */
export function contentHash(subject: SubjectClaim, content: RecordContent): string {
  const c = content;
  const fields = Object.keys(c.fields)
    .sort()
    .map((k) => [k, c.fields[k]]);
  const amounts = c.amounts.map((a) => [a.field, a.minor, a.currency]);
  return sha256(
    JSON.stringify([
      subject.scheme,
      subject.value,
      c.type,
      c.authorityId,
      c.legalBasis,
      c.documentNumber,
      c.decisionDate,
      c.effectiveDate,
      c.endDate,
      c.facts,
      c.severity,
      fields,
      amounts,
      c.sourceRef,
    ]),
  );
}

/**
 * Writes a batch of prepared submissions inside the caller's transaction: creates
 * subjects on first sight, skips rows already stored with the same content, refuses
 * rows the authority may not write, and appends one audit entry for what it wrote.
 */
export async function writeSubmissions(
  tx: StoreTx,
  rows: readonly BatchRow[],
  options: WriteOptions,
): Promise<RowOutcome[]> {
  let plan = await planBatch(tx, rows, options);
  if (plan.versions.length === 0) return plan.outcomes;
  // a subject another writer created since the look-up is taken as found (and locked, as
  // found), and the batch planned again: its region decides, and its records may be there
  const planned = [...plan.newSubjects.values()];
  const raced = new Set(await tx.createSubjects(planned));
  const created = planned.filter((s) => !raced.has(s.id)).map((s) => s.id);
  if (raced.size > 0) {
    plan = await planBatch(tx, rows, options);
    const late = [...plan.newSubjects.values()];
    await tx.insertSubjects(late);
    created.push(...late.map((s) => s.id));
  }
  const { versions, outcomes } = plan;
  if (versions.length > 0) {
    await tx.insertRecordVersions(versions);
    await tx.appendAudit({
      at: options.at,
      actor: options.actor,
      action: 'records.submit',
      subjectIds: [...new Set(versions.map((v) => v.subjectId))],
      payload: {
        ...options.source,
        subjectsCreated: created,
        versions: versions.map((v) => [v.id, v.contentHash]),
      },
    });
  }
  return outcomes;
}

const BATCH_ATTEMPTS = 5;

/**
 * Runs a batch write (`writeSubmissions`) in its own transaction, again when a concurrent writer
 * stored one of its records first (two imports of one file): the next attempt finds it stored.
 */
export async function inBatchTransaction<T>(
  store: Store,
  write: (tx: StoreTx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await store.transaction(write);
    } catch (error) {
      // a planned conflict is a row's outcome, never thrown: a thrown one is a lost race
      const raced = error instanceof CredenceError && error.code === 'SOURCE_REF_CONFLICT';
      if (!raced || attempt >= BATCH_ATTEMPTS) throw error;
    }
  }
}

/** What a batch would write, given what the store holds now: nothing is written here. */
async function planBatch(tx: StoreTx, rows: readonly BatchRow[], options: WriteOptions) {
  const claims = rows.map((r) => r.prepared.subject);
  const idKey = await tx.subjectIdKey();
  const known = await tx.findSubjects(claims);
  const heads = await tx.findRecordHeads(rows.map((r) => r.prepared.content));

  const newSubjects = new Map<string, Subject>();
  const seen = new Map<string, { hash: string; recordId: string }>();
  const versions: RecordVersion[] = [];
  const outcomes: RowOutcome[] = [];

  for (const { line, prepared } of rows) {
    const { subject: claim, content, recordType, warnings } = prepared;
    const key = identifierKey(claim);
    const pending = newSubjects.get(key);
    const ref: SubjectRef =
      known.get(key) ??
      (pending
        ? refOf(pending)
        : {
            id: subjectIdFor(idKey, claim.scheme, claim.value),
            kind: claim.kind,
            region: claim.region,
          });
    const problems = authorize(options.authorities.get(content.authorityId), recordType, ref);
    if (problems.length > 0) {
      outcomes.push({ line, status: 'rejected', problems });
      continue;
    }
    const hash = contentHash(claim, content);
    const skey = sourceKey(content);
    const head = heads.get(skey);
    const earlier = seen.get(skey) ?? (head ? await storedSubmission(tx, head) : null);
    if (earlier) {
      if (earlier.hash === hash) {
        outcomes.push({
          line,
          status: 'unchanged',
          recordId: earlier.recordId,
          subjectId: ref.id,
          warnings,
        });
      } else {
        outcomes.push({ line, status: 'rejected', problems: [conflict(content.sourceRef)] });
      }
      continue;
    }
    if (!known.has(key) && !newSubjects.has(key)) {
      if (!claim.name) {
        outcomes.push({ line, status: 'rejected', problems: [nameRequired()] });
        continue;
      }
      newSubjects.set(key, newSubject(claim, options.at, idKey));
    }
    const id = recordVersionId(content.authorityId, content.sourceRef, 1);
    versions.push({
      ...content,
      id,
      recordId: id,
      subjectId: ref.id,
      version: 1,
      supersedes: null,
      action: 'submit',
      reason: null,
      disclosure: recordType.disclosure,
      contentHash: hash,
      recordedAt: options.at,
      recordedBy: options.actor,
    });
    seen.set(skey, { hash, recordId: id });
    outcomes.push({ line, status: 'created', recordId: id, subjectId: ref.id, warnings });
  }

  return { outcomes, versions, newSubjects };
}

/** The first submission stored for a source reference, which re-submissions are compared with. */
async function storedSubmission(tx: StoreTx, head: RecordHead) {
  if (head.version === 1) return { hash: head.contentHash, recordId: head.recordId };
  const first = await tx.getRecordVersion(head.recordId);
  return first ? { hash: first.contentHash, recordId: first.recordId } : null;
}

/**
 * An authority writes only record types of its domains about subjects in its regions; a type of a
 * regional layer only an authority of that region, about a subject in it (issue 22).
 */
export function authorize(
  authority: Authority | undefined,
  recordType: Pick<RecordType, 'domains' | 'layer'>,
  subject: SubjectRef,
): Problem[] {
  const typeDomains = recordType.domains;
  if (!authority) {
    return [
      {
        field: 'authority',
        code: 'AUTHORITY_NOT_FOUND',
        message: 'the authority is not registered',
      },
    ];
  }
  if (!typeDomains.includes('any') && !typeDomains.some((d) => authority.domains.includes(d))) {
    return [
      {
        field: 'type',
        code: 'RECORD_DOMAIN_FORBIDDEN',
        message: `authority ${authority.id} (domains ${authority.domains.join(', ')}) may not write this type (domains ${typeDomains.join(', ')})`,
      },
    ];
  }
  if (!coversRegion(authority.regions, subject.region)) {
    return [
      {
        field: 'subject_region',
        code: 'RECORD_REGION_FORBIDDEN',
        message: `subject region ${subject.region ?? 'unknown'} is outside authority ${authority.id}'s regions (${authority.regions.join(', ')})`,
      },
    ];
  }
  const { layer } = recordType;
  if (
    layer &&
    (!actsWithinLayer(layer, authority.regions) || !appliesInRegion(recordType, subject.region))
  ) {
    const who = actsWithinLayer(layer, authority.regions)
      ? `subject region ${subject.region ?? 'unknown'} is`
      : `authority ${authority.id}'s regions (${authority.regions.join(', ')}) are`;
    return [
      {
        field: 'type',
        code: 'RECORD_TYPE_OUTSIDE_LAYER',
        message: `the record type belongs to the layer ${layer.name.en} (${layer.name.zh}, prefix ${layer.prefix}); ${who} outside it`,
      },
    ];
  }
  return [];
}

function conflict(sourceRef: string): Problem {
  return {
    field: 'source_ref',
    code: 'SOURCE_REF_CONFLICT',
    message: `source_ref "${sourceRef}" was already submitted with other content; correct that record instead`,
  };
}

function nameRequired(): Problem {
  return {
    field: 'subject_name',
    code: 'SUBJECT_NAME_REQUIRED',
    message: 'subject_name is required for a subject seen for the first time',
  };
}

function refOf(subject: Subject): SubjectRef {
  return { id: subject.id, kind: subject.kind, region: subject.region };
}

const HAN = /\p{Script=Han}/u;

/** A subject built from what a submission says about it, its id made with the store's key. */
export function newSubject(claim: SubjectClaim, at: string, idKey: SubjectIdKey): Subject {
  const names: SubjectName[] = [];
  if (claim.name) {
    const han = HAN.test(claim.name);
    names.push({
      name: claim.name,
      lang: han ? 'zh' : 'en',
      script: han ? 'Hans' : 'Latn',
      current: true,
    });
  }
  if (claim.nameEn) names.push({ name: claim.nameEn, lang: 'en', script: 'Latn', current: true });
  return {
    id: subjectIdFor(idKey, claim.scheme, claim.value),
    kind: claim.kind,
    region: claim.region,
    identifiers: [{ scheme: claim.scheme, value: claim.value, validFrom: null, validTo: null }],
    names,
    relations: [],
    createdAt: at,
  };
}
