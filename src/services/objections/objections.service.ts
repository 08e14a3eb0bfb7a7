import { randomUUID } from 'node:crypto';
import { dateOf } from '../../domain/clock.js';
import {
  countFrom,
  isOverdue,
  objectionRule,
  type Objection,
  type ObjectionItem,
} from '../../domain/objection.js';
import { CredenceError } from '../../errors.js';
import type { StoreTx } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { ownsItem, type Reader } from '../inquiries/inquiry.service.js';
import { runFollowUps } from '../follow-ups/follow-ups.service.js';
import { assertDecides, rejectEntry, removeEntry } from '../lists/entries.service.js';
import { rerateSubject } from '../ratings/rate.service.js';
import { correctRecord, revokeRecord } from '../records/records.service.js';
import { reopenRepair } from '../repairs/repairs.service.js';
import type { SubmissionInput } from '../records/submission.js';

export interface ObjectionInput {
  item: ObjectionItem;
  itemId: string;
  grounds: string;
  documents?: string[];
  /** a rejected objection to the same item this one asks to reconsider */
  reconsiders?: string;
}

/** What an objection is about, found from its id. */
interface Target {
  subjectId: string;
  itemType: string;
  authorityId: string | null;
}

const NOT_FOUND = {
  record: 'RECORD_NOT_FOUND',
  list_entry: 'LIST_ENTRY_NOT_FOUND',
  rating: 'RATING_NOT_FOUND',
  repair: 'REPAIR_NOT_FOUND',
} as const;

const notFound = (item: ObjectionItem, id: string) =>
  new CredenceError(NOT_FOUND[item], `no ${item.replace('_', ' ')} ${id}`, {
    field: 'itemId',
  });

/**
 * The item an objection is about. Another subject's item is answered exactly as an absent one,
 * before anything about its state is said.
 */
async function targetOf(
  deps: ServiceDeps,
  item: ObjectionItem,
  id: string,
  filer: Reader,
): Promise<Target> {
  const subjectId = filer.subjectId;
  if (item === 'record') {
    const v = await deps.store.getRecordVersion(id);
    if (!v || !ownsItem(filer, v.subjectId)) throw notFound(item, id);
    return { subjectId: v.subjectId, itemType: v.type, authorityId: v.authorityId };
  }
  if (item === 'list_entry') {
    const e = await deps.store.getListEntry(id);
    if (!e || !ownsItem(filer, e.subjectId)) throw notFound(item, id);
    return { subjectId: e.subjectId, itemType: e.listType, authorityId: e.authorityId };
  }
  if (item === 'repair') {
    const r = await deps.store.getRepair(id);
    if (!r || !ownsItem(filer, r.subjectId)) throw notFound(item, id);
    if (r.state !== 'refused')
      throw new CredenceError(
        'OBJECTION_INVALID',
        'of a repair, only a refusal can be objected to',
        {
          field: 'itemId',
        },
      );
    // a refusal by the platform (never forwarded) is answered by the platform
    return {
      subjectId: r.subjectId,
      itemType: r.itemType,
      authorityId: r.forwardedOn ? r.authorityId : null,
    };
  }
  // a rating is found among the subject's own: ratings have no reader of their own by id
  const rating = subjectId
    ? (await deps.store.listRatingsOf([subjectId])).find((r) => r.id === id)
    : undefined;
  if (!rating) throw notFound(item, id);
  return { subjectId: rating.subjectId, itemType: rating.modelId, authorityId: null };
}

/**
 * Files an objection (SPEC 4.7): the subject (or the operator at its counter) contests one item
 * of its file, with grounds and documents. The item shows a dispute flag until the answer; the
 * answer is due by the date the catalog's rule gives, counted from today.
 */
export async function fileObjection(
  deps: ServiceDeps,
  filer: Reader,
  input: ObjectionInput,
): Promise<Objection> {
  if (!input.grounds?.trim())
    throw new CredenceError('OBJECTION_INVALID', 'an objection states its grounds', {
      field: 'grounds',
    });
  const target = await targetOf(deps, input.item, input.itemId, filer);
  const today = dateOf(deps.clock.now());
  const rule = objectionRule(deps.catalog, input.item, target.itemType);
  const earlier = await deps.store.listObjectionsOf([target.subjectId]);
  const sameItem = earlier.filter((o) => o.item === input.item && o.itemId === input.itemId);
  if (sameItem.some((o) => o.state === 'open')) {
    throw new CredenceError('OBJECTION_ALREADY_OPEN', undefined, { field: 'itemId' });
  }
  if (input.reconsiders) {
    const rejected = sameItem.find((o) => o.id === input.reconsiders && o.state === 'rejected');
    const until =
      rejected?.decidedOn && rule.reconsiderWithin
        ? countFrom(rejected.decidedOn, rule.reconsiderWithin)
        : null;
    if (!rejected || !until || today > until) {
      throw new CredenceError(
        'OBJECTION_RECONSIDER_INVALID',
        until
          ? `reconsideration could be asked until ${until}`
          : 'only a rejected objection to the same item can be reconsidered, where the rule allows it',
        { field: 'reconsiders' },
      );
    }
  }
  const objection: Objection = {
    id: `obj_${randomUUID()}`,
    subjectId: target.subjectId,
    item: input.item,
    itemId: input.itemId,
    itemType: target.itemType,
    authorityId: target.authorityId,
    grounds: input.grounds.trim(),
    documents: input.documents ?? [],
    filedBy: filer.id,
    filedOn: today,
    rule: rule.id,
    answerBy: countFrom(today, rule.answer),
    state: 'open',
    decidedOn: null,
    decidedBy: null,
    reasons: null,
    outcomeRef: null,
    reconsiders: input.reconsiders ?? null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.insertObjection(objection);
    await tx.appendAudit({
      at: deps.clock.now().toISOString(),
      actor: filer.id,
      action: 'objection.file',
      subjectIds: [objection.subjectId],
      payload: objection,
    });
  });
  return objection;
}

export interface Answer {
  outcome: 'upheld' | 'rejected';
  reasons: string;
  /** upheld record: the corrected fields, or a revocation */
  correction?: SubmissionInput;
  revoke?: boolean;
}

/**
 * The competent authority answers: rejected with reasons, or upheld, when the item is
 * corrected or revoked as a new version (the old one stays), the list entry is removed, or the
 * subject re-rated. The new version's reason names the objection.
 */
export async function answerObjection(
  deps: ServiceDeps,
  decider: Reader,
  id: string,
  answer: Answer,
): Promise<Objection> {
  const objection = await deps.store.getObjection(id);
  if (!objection)
    throw new CredenceError('OBJECTION_NOT_FOUND', `no objection ${id}`, { field: 'id' });
  // a retry after a crash finds the objection answered: the change it made still gets its follow-ups
  await runFollowUps(deps, [objection.subjectId]);
  if (objection.state !== 'open')
    throw new CredenceError('OBJECTION_CLOSED', `objection ${id} was ${objection.state}`, {
      field: 'id',
    });
  if (!answer.reasons?.trim())
    throw new CredenceError('REASON_REQUIRED', 'an answer gives its reasons', { field: 'reasons' });
  await assertAnswerer(deps, decider, objection);
  const reason = `objection ${objection.id} upheld: ${answer.reasons.trim()}`;
  const answered = (outcomeRef: string | null): Objection => ({
    ...objection,
    state: answer.outcome,
    decidedOn: dateOf(deps.clock.now()),
    decidedBy: decider.id,
    reasons: answer.reasons.trim(),
    outcomeRef,
  });
  const save = async (tx: StoreTx, o: Objection) => {
    await tx.updateObjection(o);
    await tx.appendAudit({
      at: deps.clock.now().toISOString(),
      actor: decider.id,
      action: `objection.${answer.outcome === 'upheld' ? 'uphold' : 'reject'}`,
      subjectIds: [objection.subjectId],
      payload: { id, reasons: o.reasons, outcomeRef: o.outcomeRef },
    });
  };
  if (answer.outcome === 'upheld') {
    // the answer lands in the transaction that changes the item where there is one: a crash
    // cannot leave the item changed and the objection open (and its retry refused)
    let saved: Objection | null = null;
    const ref = await uphold(deps, decider, objection, answer, reason, async (tx, outcomeRef) => {
      saved = answered(outcomeRef);
      await save(tx, saved);
    });
    if (saved) return saved;
    const o = answered(ref);
    await deps.store.transaction((tx) => save(tx, o));
    return o;
  }
  const o = answered(null);
  await deps.store.transaction((tx) => save(tx, o));
  return o;
}

/**
 * Refuses an answerer, whatever the outcome: a record's furnisher answers for it, a decider of
 * the list's deciding authority for an entry, a repair's deciding authority for its refusal; a
 * rating and a refusal by the platform (no authority) only the operator.
 */
async function assertAnswerer(deps: ServiceDeps, decider: Reader, o: Objection): Promise<void> {
  if (decider.role === 'operator') return;
  // an entry is ended by a decider only, as its own routes are: a furnisher proposes
  if (o.item === 'list_entry' && decider.role !== 'decider')
    throw new CredenceError(
      'ROLE_FORBIDDEN',
      'an objection to a list entry is answered by a decider of the list',
      { field: 'id' },
    );
  const entry = o.item === 'list_entry' ? await deps.store.getListEntry(o.itemId) : null;
  if (entry) return assertDecides(deps, entry, decider.authorityId ?? '');
  if (o.item !== 'list_entry' && o.authorityId !== null && decider.authorityId === o.authorityId)
    return;
  throw new CredenceError(
    'AUTHORITY_MISMATCH',
    o.authorityId === null && o.item !== 'list_entry'
      ? `an objection to ${o.item === 'rating' ? 'a rating' : "the platform's refusal"} is answered by the operator`
      : 'the authority that made the item answers the objection',
    { field: 'id' },
  );
}

async function uphold(
  deps: ServiceDeps,
  decider: Reader,
  o: Objection,
  answer: Answer,
  reason: string,
  answerIn: (tx: StoreTx, outcomeRef: string) => Promise<void>,
): Promise<string> {
  if (o.item === 'record') {
    const also = (tx: StoreTx, v: { id: string }) => answerIn(tx, v.id);
    if (answer.revoke) return (await revokeRecord(deps, o.itemId, reason, decider.id, also)).id;
    if (!answer.correction) {
      throw new CredenceError(
        'OBJECTION_OUTCOME_REQUIRED',
        'an upheld objection to a record corrects it (correction) or revokes it (revoke)',
        {
          field: 'correction',
        },
      );
    }
    return (await correctRecord(deps, o.itemId, answer.correction, reason, decider.id, also)).id;
  }
  if (o.item === 'list_entry') {
    const actor = { actor: decider.id, authorityId: decider.authorityId ?? '', reason };
    const also = (tx: StoreTx, e: { id: string; lastSeq: number }) =>
      answerIn(tx, `${e.id}@${e.lastSeq}`);
    // a designation not yet in effect is rejected; one in effect is removed
    const entry = await deps.store.getListEntry(o.itemId);
    const ended =
      entry?.state === 'effective'
        ? await removeEntry(deps, o.itemId, { ...actor, removal: 'objection_upheld' }, also)
        : await rejectEntry(deps, o.itemId, actor, also);
    return `${ended.id}@${ended.lastSeq}`;
  }
  if (o.item === 'repair') return (await reopenRepair(deps, decider, o.itemId, reason)).id;
  const rerated = await rerateSubject(deps, o.subjectId);
  return rerated.find((r) => r.modelId === o.itemType)?.id ?? rerated[0]?.id ?? o.itemId;
}

/** The objections of a subject, and whether each is overdue today. */
export async function objectionsOf(deps: ServiceDeps, subjectId: string) {
  const today = dateOf(deps.clock.now());
  return (await deps.store.listObjectionsOf([subjectId])).map((o) => ({
    ...o,
    overdue: isOverdue(o, today),
  }));
}

/**
 * The queue: open objections, earliest answer date first, each marked overdue or not (one
 * authority's, or all); with `overdue`, only those past their answer date.
 */
export async function objectionQueue(
  deps: ServiceDeps,
  query: { authorityId?: string; overdue?: boolean },
  limit = 100,
) {
  const today = dateOf(deps.clock.now());
  const found = await deps.store.findOpenObjections(
    {
      ...(query.overdue ? { answerByBefore: today } : {}),
      ...(query.authorityId ? { authorityId: query.authorityId } : {}),
    },
    limit,
  );
  return found.map((o) => ({ ...o, overdue: isOverdue(o, today) }));
}
