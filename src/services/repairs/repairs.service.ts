import { randomUUID } from 'node:crypto';
import { dateOf } from '../../domain/clock.js';
import { countFrom } from '../../domain/objection.js';
import {
  isOpenRepair,
  isRepairOverdue,
  repairDueBy,
  repairRule,
  type PerformedObligation,
  type RepairApplication,
  type RepairItem,
} from '../../domain/repair.js';
import { CredenceError } from '../../errors.js';
import type { OpenRepairQuery } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { ownsItem, type Reader } from '../inquiries/inquiry.service.js';
import { removeEntry } from '../lists/entries.service.js';
import { repairRecord, submitRecord } from '../records/records.service.js';
import { repairKey, repairTarget } from './repair-target.js';

export interface RepairInput {
  item: RepairItem;
  itemId: string;
  obligations: PerformedObligation[];
  commitment: string;
}

const invalid = (field: string, message: string) =>
  new CredenceError('REPAIR_INVALID', message, { field });

/**
 * Applies for credit repair (SPEC 4.7). Accepted only when the minimum period has passed,
 * every obligation of the catalog's rule is declared performed with evidence, and a
 * commitment is given; the platform then answers by `answerBy`. Free of charge.
 */
export async function applyForRepair(
  deps: ServiceDeps,
  filer: Reader,
  input: RepairInput,
): Promise<RepairApplication> {
  const commitment = input.commitment?.trim();
  if (!commitment) throw invalid('commitment', 'a repair application gives a credit commitment');
  // ownership first: another subject's item is answered as an absent one
  const target = await repairTarget(deps, input.item, input.itemId, (subjectId) =>
    ownsItem(filer, subjectId),
  );
  const rule = repairRule(deps.catalog, input.item, target.itemType);
  const obligations = performedObligations(rule.obligations, input.obligations ?? []);
  const earlier = await deps.store.listRepairsOf([target.subjectId]);
  for (const r of earlier.filter(isOpenRepair)) {
    if (r.item === input.item && (await repairKey(deps, r)) === target.key)
      throw new CredenceError('REPAIR_ALREADY_OPEN', `application ${r.id} is open`, {
        field: 'itemId',
      });
  }
  const today = dateOf(deps.clock.now());
  const application: RepairApplication = {
    id: `rep_${randomUUID()}`,
    subjectId: target.subjectId,
    item: input.item,
    itemId: target.itemId,
    itemType: target.itemType,
    authorityId: target.authorityId,
    rule: rule.id,
    obligations,
    commitment,
    filedBy: filer.id,
    filedOn: today,
    answerBy: countFrom(today, deps.catalog.repair.answer),
    state: 'submitted',
    forwardedOn: null,
    decideBy: null,
    decidedOn: null,
    decidedBy: null,
    reasons: null,
    outcomeRef: null,
    commitmentRef: null,
  };
  await save(deps, filer, 'repair.apply', application, true);
  return application;
}

/** Each obligation of the rule, declared with at least one piece of evidence; nothing else. */
function performedObligations(
  required: ReadonlyArray<{ id: string; name: { en: string } }>,
  declared: readonly PerformedObligation[],
): PerformedObligation[] {
  declared.forEach((d, i) => {
    if (!required.some((r) => r.id === d.id))
      throw invalid(
        `obligations.${i}.id`,
        `"${d.id}" is not an obligation of this repair; they are ${required.map((r) => r.id).join(', ')}`,
      );
  });
  return required.map((r) => {
    const evidence = (declared.find((d) => d.id === r.id)?.evidence ?? [])
      .map((e) => e.trim())
      .filter(Boolean);
    if (evidence.length === 0) {
      throw new CredenceError(
        'REPAIR_OBLIGATION_UNPERFORMED',
        `declare performed, with evidence: ${r.name.en}`,
        { field: `obligations.${r.id}` },
      );
    }
    return { id: r.id, evidence };
  });
}

async function save(
  deps: ServiceDeps,
  actor: Reader,
  action: string,
  r: RepairApplication,
  insert = false,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    if (insert) await tx.insertRepair(r);
    else await tx.updateRepair(r);
    await tx.appendAudit({
      at: deps.clock.now().toISOString(),
      actor: actor.id,
      action,
      subjectIds: [r.subjectId],
      payload: insert
        ? r
        : { id: r.id, state: r.state, reasons: r.reasons, outcomeRef: r.outcomeRef },
    });
  });
}

async function load(deps: ServiceDeps, id: string, state: RepairApplication['state']) {
  const r = await deps.store.getRepair(id);
  if (!r)
    throw new CredenceError('REPAIR_NOT_FOUND', `no repair application ${id}`, { field: 'id' });
  if (r.state !== state)
    throw new CredenceError('REPAIR_STEP_INVALID', `application ${id} is ${r.state}`, {
      field: 'id',
    });
  return r;
}

const reasonsOf = (reasons: string | undefined, field = 'reasons'): string => {
  const text = reasons?.trim();
  if (!text) throw new CredenceError('REASON_REQUIRED', 'a refusal gives its reasons', { field });
  return text;
};

export type Review = { outcome: 'forward' } | { outcome: 'refuse'; reasons: string };

/**
 * The platform's step: it checks the application is complete and forwards it to the competent
 * authority, which then decides by `decideBy`, or refuses it with reasons.
 */
export async function reviewRepair(
  deps: ServiceDeps,
  platform: Reader,
  id: string,
  review: Review,
): Promise<RepairApplication> {
  if (platform.role !== 'operator')
    throw new CredenceError(
      'ROLE_FORBIDDEN',
      'the platform (an operator) forwards repair applications',
      {
        field: 'id',
      },
    );
  const r = await load(deps, id, 'submitted');
  const today = dateOf(deps.clock.now());
  const next: RepairApplication =
    review.outcome === 'forward'
      ? {
          ...r,
          state: 'forwarded',
          forwardedOn: today,
          decideBy: countFrom(today, deps.catalog.repair.decide),
        }
      : refused(r, platform, today, reasonsOf(review.reasons));
  await save(deps, platform, `repair.${review.outcome}`, next);
  return next;
}

const refused = (
  r: RepairApplication,
  by: Reader,
  today: string,
  reasons: string,
): RepairApplication => ({ ...r, state: 'refused', decidedOn: today, decidedBy: by.id, reasons });

export type Decision =
  { outcome: 'approve'; reasons?: string } | { outcome: 'refuse'; reasons: string };

/**
 * The competent authority decides a forwarded application. Approval ends the record's
 * publication that day (a `repair` version) or removes the entry (`repaired`), and the
 * commitment becomes a credit_commitment record; a refusal gives reasons and can be objected to.
 */
export async function decideRepair(
  deps: ServiceDeps,
  authority: Reader,
  id: string,
  decision: Decision,
): Promise<RepairApplication> {
  const r = await load(deps, id, 'forwarded');
  if (authority.authorityId !== r.authorityId)
    throw new CredenceError(
      'AUTHORITY_MISMATCH',
      `authority ${r.authorityId}, which made the item, decides its repair`,
      { field: 'id' },
    );
  assertEndsItem(authority, r);
  const today = dateOf(deps.clock.now());
  const next =
    decision.outcome === 'approve'
      ? await approve(deps, authority, r, decision.reasons?.trim() || 'credit repair approved')
      : refused(r, authority, today, reasonsOf(decision.reasons));
  await save(deps, authority, `repair.${decision.outcome}`, next);
  return next;
}

/**
 * An entry is ended by a decider only, as its removal route is (its furnisher proposes): so is
 * its repair decided, on application or on an objection to a refusal; the operator answers any.
 */
function assertEndsItem(reader: Reader, r: RepairApplication): void {
  if (r.item === 'list_entry' && reader.role !== 'decider' && reader.role !== 'operator')
    throw new CredenceError(
      'ROLE_FORBIDDEN',
      "a list entry's repair is decided by a decider of the list's authority",
      { field: 'id' },
    );
}

/** Ends the item and records the commitment; the application's state is saved by the caller. */
export async function approve(
  deps: ServiceDeps,
  authority: Reader,
  r: RepairApplication,
  reasons: string,
): Promise<RepairApplication> {
  const reason = `repair ${r.id} approved: ${reasons}`;
  // a retry after a crash finds the item already ended by this approval: it goes on from there,
  // dated the day the item ended, so that its commitment (if stored) is submitted unchanged
  const ended = await endedBy(deps, r);
  const today = ended?.on ?? dateOf(deps.clock.now());
  let outcomeRef = ended?.ref;
  if (!outcomeRef) {
    // the item is checked again: it may have been corrected, revoked or removed meanwhile
    const target = await repairTarget(deps, r.item, r.itemId);
    if (r.item === 'record') {
      outcomeRef = (await repairRecord(deps, target.itemId, reason, authority.id)).id;
    } else {
      const ended = await removeEntry(deps, r.itemId, {
        actor: authority.id,
        authorityId: r.authorityId,
        reason,
        removal: 'repaired',
      });
      outcomeRef = `${ended.id}@${ended.lastSeq}`;
    }
  }
  const subject = await deps.store.getSubject(r.subjectId);
  const identifier = subject?.identifiers[0];
  const commitment = await submitRecord(
    deps,
    {
      type: 'credit_commitment',
      authority: r.authorityId,
      source_ref: r.id,
      subject_identifier: identifier?.value,
      subject_scheme: identifier?.scheme,
      legal_basis: deps.catalog.repair.legalBasis.map((b) => b.title).join('；'),
      document_number: r.id,
      decision_date: today,
      facts: `信用修复承诺（${r.itemType}）`,
      promise: r.commitment,
      context: 'repair',
    },
    authority.id,
  );
  return {
    ...r,
    state: 'approved',
    decidedOn: today,
    decidedBy: authority.id,
    reasons,
    outcomeRef,
    commitmentRef: commitment.recordId,
  };
}

/**
 * The version or entry change this approval already made (a crash cut it off before it was
 * saved) and the day it was made, or null.
 */
async function endedBy(
  deps: ServiceDeps,
  r: RepairApplication,
): Promise<{ ref: string; on: string } | null> {
  const mark = `repair ${r.id} approved: `;
  if (r.item === 'record') {
    const named = await deps.store.getRecordVersion(r.itemId);
    if (!named) return null;
    const versions = await deps.store.listRecordVersions(named.subjectId);
    const made = versions.find(
      (v) => v.recordId === named.recordId && v.action === 'repair' && v.reason?.startsWith(mark),
    );
    return made ? { ref: made.id, on: dateOf(new Date(made.recordedAt)) } : null;
  }
  const transitions = await deps.store.listTransitions(r.itemId);
  const made = transitions.find((t) => t.kind === 'remove' && t.reason.startsWith(mark));
  return made ? { ref: `${made.entryId}@${made.seq}`, on: dateOf(new Date(made.at)) } : null;
}

/**
 * An upheld objection to a refusal: a refusal by the platform becomes a forwarding, one by the
 * authority an approval.
 */
export async function reopenRepair(
  deps: ServiceDeps,
  answerer: Reader,
  id: string,
  reason: string,
): Promise<RepairApplication> {
  const r = await load(deps, id, 'refused');
  if (r.forwardedOn) assertEndsItem(answerer, r);
  const today = dateOf(deps.clock.now());
  const reopened: RepairApplication = { ...r, decidedOn: null, decidedBy: null, reasons: null };
  const next = r.forwardedOn
    ? await approve(deps, answerer, reopened, reason)
    : {
        ...reopened,
        state: 'forwarded' as const,
        forwardedOn: today,
        decideBy: countFrom(today, deps.catalog.repair.decide),
      };
  await save(deps, answerer, next.state === 'approved' ? 'repair.approve' : 'repair.forward', next);
  return next;
}

/** A subject's applications, with the deadline of the step in progress and whether it is overdue. */
export async function repairsOf(deps: ServiceDeps, subjectId: string) {
  const today = dateOf(deps.clock.now());
  return (await deps.store.listRepairsOf([subjectId])).map((r) => withDeadline(r, today));
}

const withDeadline = (r: RepairApplication, today: string) => ({
  ...r,
  dueBy: isOpenRepair(r) ? repairDueBy(r) : null,
  overdue: isRepairOverdue(r, today),
});

/** The queue: open applications, earliest deadline first; `overdue` keeps only those past it. */
export async function repairQueue(
  deps: ServiceDeps,
  query: Omit<OpenRepairQuery, 'dueBefore'> & { overdue?: boolean },
  limit = 100,
) {
  const today = dateOf(deps.clock.now());
  const { overdue, ...rest } = query;
  const found = await deps.store.findOpenRepairs(
    { ...rest, ...(overdue ? { dueBefore: today } : {}) },
    limit,
  );
  return found.map((r) => withDeadline(r, today));
}
