import { randomUUID } from 'node:crypto';
import type { ListType } from '../../domain/catalog.js';
import { chinaCalendar } from '../../domain/calendar.js';
import { coversRegion } from '../../domain/authority.js';
import { dateOf } from '../../domain/clock.js';
import {
  addDuration,
  compareDurations,
  isCalendarDuration,
  parseDuration,
} from '../../domain/dates.js';
import type { ListEntry, RemovalReason } from '../../domain/list-entry.js';
import { matchingCriteria, periodChoice } from '../../domain/list-criteria.js';
import { earlyRemovalFrom } from '../../domain/repair.js';
import { canTransition, expireIfDue } from '../../domain/list-lifecycle.js';
import type { RecordVersion } from '../../domain/record.js';
import type { Subject } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import type { StoreReads, StoreTx } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { fileItems } from '../records/subject-file.service.js';
import { runFollowUps } from '../follow-ups/follow-ups.service.js';
import { findSubject, subjectKey, subjectNotFound } from '../subjects/subjects.service.js';
import { withAuthorityDomains, type CandidateRecord } from './criteria-input.js';
import { listTypeOf, loadEntry, transition, type ListActor } from './transition.js';

const today = (deps: ServiceDeps) => dateOf(deps.clock.now());

/** The current, unrevoked version of each of a subject's records. */
export async function currentRecords(
  deps: ServiceDeps,
  subjectId: string,
  date: string,
  versions?: readonly RecordVersion[],
): Promise<RecordVersion[]> {
  versions ??= await deps.store.listRecordVersions(subjectId);
  return fileItems(deps.catalog, versions, date)
    .filter((item) => item.status !== 'revoked')
    .map((item) => item.current);
}

/** An authority may act on a list when it belongs to the owning domain and covers the subject's region. */
async function authorize(
  tx: StoreReads,
  type: ListType,
  subject: Subject,
  authorityId: string,
  owning: boolean,
) {
  const authority = await tx.getAuthority(authorityId);
  const domainOk = !owning || authority?.domains.includes(type.owningDomain);
  if (!authority || !domainOk || !coversRegion(authority.regions, subject.region)) {
    throw new CredenceError(
      'LIST_AUTHORITY_FORBIDDEN',
      `authority ${authorityId} may not act on ${type.id} (owned by ${type.owningDomain}) for a subject in ${subject.region ?? 'an unknown region'}`,
      { field: 'authority' },
    );
  }
}

/** Refuses an authority that may not decide on an entry, as each of the entry's transitions does. */
export async function assertDecides(
  deps: ServiceDeps,
  entry: ListEntry,
  authorityId: string,
): Promise<void> {
  const subject = await deps.store.getSubject(entry.subjectId);
  if (!subject)
    throw new CredenceError('SUBJECT_NOT_FOUND', `no subject ${entry.subjectId}`, {
      field: 'entry',
    });
  await authorize(deps.store, listTypeOf(deps, entry.listType), subject, authorityId, true);
}

export interface ProposeInput extends ListActor {
  identifier: string;
  listType: string;
  reason: string;
  /** the records it rests on; default: every current record of the subject that meets the criteria */
  recordIds?: string[];
}

/** Proposes a designation that rests on records meeting the list type's criteria. */
export async function proposeEntry(deps: ServiceDeps, input: ProposeInput): Promise<ListEntry> {
  const type = listTypeOf(deps, input.listType);
  const subject = await findSubject(deps, input.identifier);
  // the proposer's scope is checked before the records are read, whose criteria would tell of
  // them; a person outside its regions is a number no one carries: a refusal would confirm it
  // (an organization is public, and keeps its refusal)
  const proposer = await deps.store.getAuthority(input.authorityId);
  if (subject.kind === 'person' && proposer && !coversRegion(proposer.regions, subject.region))
    throw subjectNotFound(subjectKey(deps, input.identifier));
  await authorize(deps.store, type, subject, input.authorityId, false);
  const date = today(deps);
  const records = await withAuthorityDomains(deps, await currentRecords(deps, subject.id, date));
  const basis = records.filter(
    (r) =>
      (!input.recordIds || input.recordIds.includes(r.id)) && matchingCriteria(type, r).length > 0,
  );
  const missing = input.recordIds?.filter((id) => !basis.some((r) => r.id === id)) ?? [];
  if (basis.length === 0 || missing.length > 0) {
    throw new CredenceError(
      'LIST_CRITERIA_UNMET',
      missing.length > 0
        ? `records ${missing.join(', ')} are not current records of the subject that meet the criteria of ${type.id}`
        : `the subject has no current record that meets the criteria of ${type.id}`,
      { field: 'records' },
    );
  }
  return deps.store.transaction(async (tx) => {
    await authorize(tx, type, subject, input.authorityId, false);
    await refuseOpenEntry(tx, subject.id, type.id, date);
    const circumstance = circumstanceOf(type, basis);
    const base = {
      id: `lst_${randomUUID()}`,
      subjectId: subject.id,
      listType: type.id,
      authorityId: input.authorityId,
    };
    const { entry } = await transition(deps, tx, null, base, {
      kind: 'propose',
      effectiveDate: date,
      actor: input.actor,
      reason: input.reason,
      recordIds: basis.map((r) => r.id),
      data: { circumstance },
    });
    return entry;
  });
}

async function refuseOpenEntry(tx: StoreTx, subjectId: string, listType: string, date: string) {
  const open = (await tx.listEntriesOf([subjectId])).find(
    (e) =>
      e.listType === listType &&
      ['proposed', 'noticed', 'effective'].includes(expireIfDue(e, date).state),
  );
  if (open) {
    throw new CredenceError(
      'LIST_ALREADY_LISTED',
      `the subject already has entry ${open.id} (${open.state}) on ${listType}`,
      { field: 'list', entry: open.id, state: open.state },
    );
  }
}

/** The value that set the period (court list: the circumstance); an open-ended one wins. */
function circumstanceOf(type: ListType, basis: readonly CandidateRecord[]): string | null {
  const choices = basis.map((r) => periodChoice(type, r));
  const open = choices.find((c) => c.period.kind === 'until_performed' && c.value !== null);
  return (open ?? choices.find((c) => c.value !== null))?.value ?? null;
}

/** Notice: reasons, legal basis and rights; opens the period (in working days) to state a case. */
export async function noticeEntry(
  deps: ServiceDeps,
  entryId: string,
  input: ListActor & { reason: string },
) {
  return act(deps, entryId, input, true, (type, date) => ({
    kind: 'notice' as const,
    data: {
      noticeEnds: chinaCalendar.addWorkingDays(date, type.noticeWorkingDays),
      legalBasis: type.legalBasis,
      rights: `You may state your case and submit evidence to ${input.authorityId} until the end of the notice period; you may object to the decision and apply for credit repair.`,
    },
  }));
}

/** The subject waives the rest of its notice period. */
export async function waiveNotice(
  deps: ServiceDeps,
  entryId: string,
  input: { actor: string; reason: string },
) {
  return deps.store.transaction(async (tx) => {
    const entry = await loadEntry(tx, entryId);
    if (entry.state !== 'noticed') {
      throw new CredenceError(
        'LIST_TRANSITION_INVALID',
        'only a noticed entry has a notice period to waive',
        { field: 'entry' },
      );
    }
    const { entry: next } = await transition(deps, tx, entry, entry, {
      kind: 'notice',
      effectiveDate: today(deps),
      actor: input.actor,
      reason: input.reason,
      data: { noticeWaived: true },
    });
    return next;
  });
}

/** The decision: effective from today for the list type's period (or until performed). */
export async function decideEntry(
  deps: ServiceDeps,
  entryId: string,
  input: ListActor & { reason: string },
) {
  return act(deps, entryId, input, true, (type, date, entry) => {
    // a rejected or removed entry has no period left to wait for: say what is wrong with it
    if (!canTransition('decide', entry.state)) {
      throw new CredenceError(
        'LIST_TRANSITION_INVALID',
        `a ${entry.state} entry cannot be decided`,
        {
          field: 'entry',
        },
      );
    }
    if (!entry.noticeWaived && (entry.noticeEnds === null || date <= entry.noticeEnds)) {
      throw new CredenceError(
        'LIST_NOTICE_PERIOD_OPEN',
        `the period to state a case runs until ${entry.noticeEnds ?? '(no notice served)'}; decide after it or once the subject waives it`,
        { field: 'entry' },
      );
    }
    const period = entry.circumstance
      ? (type.periodByField?.periods[entry.circumstance] ?? type.period)
      : type.period;
    return {
      kind: 'decide' as const,
      data: {
        effectiveFrom: date,
        endsOn: period.kind === 'fixed' ? addDuration(date, period.duration) : null,
      },
    };
  });
}

export async function rejectEntry(
  deps: ServiceDeps,
  entryId: string,
  input: ListActor & { reason: string },
  also?: AlsoInTx,
) {
  return act(deps, entryId, input, true, () => ({ kind: 'reject' as const, data: {} }), also);
}

/** Extends a fixed period within the list type's bounds and count. */
export async function extendEntry(
  deps: ServiceDeps,
  entryId: string,
  input: ListActor & { reason: string; by: string },
) {
  // a duration that is not one is refused before the entry is looked up
  const by = parseDuration(input.by);
  if (!by) {
    throw new CredenceError(
      'DURATION_INVALID',
      `"${input.by}" is not an ISO 8601 duration: write years, months and days as PnYnMnD, e.g. P1Y, P6M or P1Y6M`,
      { field: 'by' },
    );
  }
  if (!isCalendarDuration(by)) {
    throw new CredenceError(
      'DURATION_INVALID',
      `"${input.by}" has a part longer than 9999 years: no period reaches that far`,
      { field: 'by' },
    );
  }
  return act(deps, entryId, input, true, async (type, _date, entry, tx) => {
    const rule = type.extensions;
    if (entry.endsOn === null) {
      throw new CredenceError(
        'LIST_EXTENSION_INVALID',
        `entry ${entry.id} has no fixed period: it lasts until the subject performs, and only a fixed period can be extended`,
        { field: 'by' },
      );
    }
    const done = (await tx.listTransitions(entryId)).filter((t) => t.kind === 'extend').length;
    const inBounds =
      rule &&
      compareDurations(input.by, rule.min) >= 0 &&
      compareDurations(input.by, rule.max) <= 0;
    if (!rule || !inBounds || done >= rule.times || entry.endsOn === null) {
      throw new CredenceError(
        'LIST_EXTENSION_INVALID',
        rule
          ? `${type.id} allows ${rule.times} extension(s) of ${rule.min} to ${rule.max} of a fixed period; asked ${input.by} after ${done}`
          : `${type.id} allows no extension`,
        { field: 'by' },
      );
    }
    return {
      kind: 'extend' as const,
      data: { endsOn: addDuration(entry.endsOn, input.by), extension: input.by },
    };
  });
}

const DECIDER_REMOVALS: RemovalReason[] = [
  'performed',
  'early_removal',
  'objection_upheld',
  'revoked',
  'repaired',
];

/** Removes an entry for a reason the decider may give; early removal only after the minimum time served. */
export async function removeEntry(
  deps: ServiceDeps,
  entryId: string,
  input: ListActor & { reason: string; removal: RemovalReason },
  also?: AlsoInTx,
) {
  if (!DECIDER_REMOVALS.includes(input.removal)) {
    throw new CredenceError(
      'LIST_REMOVAL_INVALID',
      `a decider removes for ${DECIDER_REMOVALS.join(', ')}; expiry, cure and escalation happen by themselves`,
      {
        field: 'removal',
      },
    );
  }
  return act(
    deps,
    entryId,
    input,
    true,
    (type, date, entry) => {
      // a repair is an early removal on application, after the same minimum time served
      if (input.removal === 'early_removal' || input.removal === 'repaired') {
        const earliest = earlyRemovalFrom(type, entry);
        if (!earliest || date < earliest) {
          throw new CredenceError(
            'LIST_EARLY_REMOVAL_TOO_SOON',
            earliest
              ? `early removal from ${type.id} is possible from ${earliest}`
              : `${type.id} has no early removal`,
            { field: 'removal' },
          );
        }
      }
      return { kind: 'remove' as const, data: { removal: input.removal } };
    },
    also,
  );
}

/** A write that must land in the same transaction as the entry's transition (or not at all). */
export type AlsoInTx = (tx: StoreTx, entry: ListEntry) => Promise<void>;

type Step = {
  kind: 'notice' | 'decide' | 'reject' | 'extend' | 'remove';
  data: Record<string, unknown>;
};

/** Loads the entry, checks the acting authority, and applies the step's transition today. */
async function act(
  deps: ServiceDeps,
  entryId: string,
  input: ListActor & { reason: string },
  owning: boolean,
  step: (type: ListType, date: string, entry: ListEntry, tx: StoreTx) => Step | Promise<Step>,
  also?: AlsoInTx,
): Promise<ListEntry> {
  const date = today(deps);
  const next = await deps.store.transaction(async (tx) => {
    const entry = await loadEntry(tx, entryId);
    const type = listTypeOf(deps, entry.listType);
    const subject = await tx.getSubject(entry.subjectId);
    if (!subject)
      throw new CredenceError('SUBJECT_NOT_FOUND', `no subject ${entry.subjectId}`, {
        field: 'entry',
      });
    await authorize(tx, type, subject, input.authorityId, owning);
    const { kind, data } = await step(type, date, expireIfDue(entry, date), tx);
    const { entry: next } = await transition(deps, tx, entry, entry, {
      kind,
      effectiveDate: date,
      actor: input.actor,
      reason: input.reason,
      data,
    });
    await also?.(tx, next);
    return next;
  });
  // the re-rate the transition owes, now that it is committed
  await runFollowUps(deps, [next.subjectId]);
  return next;
}
