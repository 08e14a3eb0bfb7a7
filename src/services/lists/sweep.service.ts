import { randomUUID } from 'node:crypto';
import type { Authority } from '../../domain/authority.js';
import type { ListType } from '../../domain/catalog.js';
import { dateOf } from '../../domain/clock.js';
import { addDuration, requireDate } from '../../domain/dates.js';
import type { ListEntry } from '../../domain/list-entry.js';
import { matchingCriteria } from '../../domain/list-criteria.js';
import { expireIfDue } from '../../domain/list-lifecycle.js';
import { CredenceError } from '../../errors.js';
import { authorityMap } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';
import { runFollowUps } from '../follow-ups/follow-ups.service.js';
import { currentRecords } from './entries.service.js';
import { withAuthorityDomains } from './criteria-input.js';
import { transition } from './transition.js';

/** What happens by itself: expiry, removal on performance, automatic lists, escalation. */
export interface SweepResult {
  expired: number;
  performed: number;
  designated: number;
  cured: number;
  escalated: number;
}

const SYSTEM = { actor: 'system', authorityId: 'system' };
const PAGE = 500;

/**
 * Brings every entry up to date as of `asOf`. Idempotent: a second run on the same date
 * finds nothing to do. Reads answer the same without it (expiry is also computed on read).
 */
export async function sweep(deps: ServiceDeps, asOf: string): Promise<SweepResult> {
  requireDate(asOf, 'as_of');
  if (asOf > dateOf(deps.clock.now())) {
    // a recorded change never takes effect after the day it is recorded; reads rely on it
    throw new CredenceError('DATE_ORDER', `a sweep as of ${asOf} would record the future`, {
      field: 'as_of',
    });
  }
  const result: SweepResult = { expired: 0, performed: 0, designated: 0, cured: 0, escalated: 0 };
  result.escalated = await escalate(deps, asOf);
  const subjects = await subjectsToEvaluate(deps);
  const authorities = await authorityMap(deps);
  for (const subjectId of subjects) {
    const r = await evaluateSubject(deps, subjectId, asOf, authorities);
    result.performed += r.performed;
    result.designated += r.designated;
    result.cured += r.cured;
  }
  // last, so that whatever the steps above left past its end is recorded in this same run
  result.expired = await recordExpiries(deps, asOf);
  // the re-rates the transitions above owe (each owed in its own transaction)
  await runFollowUps(deps, null);
  return result;
}

async function* pages(
  deps: ServiceDeps,
  query: Parameters<ServiceDeps['store']['findListEntries']>[0],
) {
  let after: string | undefined;
  for (;;) {
    const page = await deps.store.findListEntries(query, PAGE, after);
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

async function recordExpiries(deps: ServiceDeps, asOf: string): Promise<number> {
  let count = 0;
  for await (const entry of pages(deps, { states: ['effective'], endsOnOrBefore: asOf })) {
    await deps.store.transaction((tx) =>
      transition(deps, tx, entry, entry, {
        kind: 'remove',
        effectiveDate: entry.endsOn!,
        actor: SYSTEM.actor,
        reason: 'the period ended',
        data: { removal: 'expired' },
      }),
    );
    count += 1;
  }
  return count;
}

/** Entries still in force after the list type's escalation time move to the heavier list. */
async function escalate(deps: ServiceDeps, asOf: string): Promise<number> {
  let count = 0;
  for (const type of deps.catalog.listTypes.values()) {
    const rule = type.escalation;
    const target = rule ? deps.catalog.listTypes.get(rule.to) : undefined;
    if (!rule || !target) continue;
    for await (const entry of pages(deps, { listType: type.id, states: ['effective'] })) {
      const due = entry.effectiveFrom ? addDuration(entry.effectiveFrom, rule.after) : null;
      if (!due || due > asOf || expireIfDue(entry, due).state !== 'effective') continue;
      const bar = rule.bars && deps.catalog.listTypes.get(rule.bars.list);
      const subject = bar ? await deps.store.getSubject(entry.subjectId) : null;
      const barred = (subject?.relations ?? []).filter(
        (r) =>
          rule.bars!.roles.includes(r.kind) &&
          (r.validFrom ?? due) <= due &&
          (r.validTo === null || due < r.validTo),
      );
      await deps.store.transaction(async (tx) => {
        await transition(deps, tx, entry, entry, {
          kind: 'remove',
          effectiveDate: due,
          actor: SYSTEM.actor,
          reason: `still listed after ${rule.after}: escalated to ${target.id}`,
          data: { removal: 'escalated' },
        });
        // the persons who held the roles on that day get an entry of their own: a bar with
        // its own period, legal basis and feed change, which they can see and contest
        const bars = [];
        for (const r of barred) {
          const { entry: barEntry } = await designate(
            deps,
            tx,
            bar!,
            r.otherId,
            entry.recordIds,
            due,
            { barredAs: r.kind, organizationId: entry.subjectId, escalatedFrom: entry.id },
            `${r.kind} of ${entry.subjectId} when its ${type.id} entry escalated to ${target.id}`,
          );
          bars.push({
            personId: r.otherId,
            role: r.kind,
            entryId: barEntry.id,
            until: barEntry.endsOn,
          });
        }
        await designate(
          deps,
          tx,
          target,
          entry.subjectId,
          entry.recordIds,
          due,
          { escalatedFrom: entry.id, bars },
          `escalated from ${type.id}: still listed after ${rule.after}`,
        );
      });
      count += 1;
    }
  }
  return count;
}

async function designate(
  deps: ServiceDeps,
  tx: Parameters<typeof transition>[1],
  type: ListType,
  subjectId: string,
  recordIds: string[],
  date: string,
  extra: Record<string, unknown> = {},
  reason = `designated automatically from records meeting the criteria of ${type.id}`,
) {
  const base = {
    id: `lst_${randomUUID()}`,
    subjectId,
    listType: type.id,
    authorityId: SYSTEM.authorityId,
  };
  return transition(deps, tx, null, base, {
    kind: 'designate',
    effectiveDate: date,
    actor: SYSTEM.actor,
    reason,
    recordIds,
    data: {
      ...extra,
      effectiveFrom: date,
      endsOn: type.period.kind === 'fixed' ? addDuration(date, type.period.duration) : null,
    },
  });
}

/** Subjects with records of a type that automatic lists or removal on performance look at. */
async function subjectsToEvaluate(deps: ServiceDeps): Promise<Set<string>> {
  const types = new Set<string>();
  for (const t of deps.catalog.listTypes.values()) {
    if (t.designation === 'automatic' || t.removalOnPerformance)
      for (const c of t.criteria) types.add(c.recordType);
  }
  const subjects = new Set<string>();
  let afterId: string | undefined;
  for (;;) {
    const page = await deps.store.scanRecordVersions({
      types: [...types],
      limit: 2000,
      ...(afterId ? { afterId } : {}),
    });
    for (const v of page) subjects.add(v.subjectId);
    if (page.length < 2000) return subjects;
    afterId = page[page.length - 1]!.id;
  }
}

/**
 * Applies what a subject's current records mean for its entries as of `date`: automatic
 * lists designate or cure, and an obligation shown performed removes the entries resting on it.
 */
export async function evaluateSubject(
  deps: ServiceDeps,
  subjectId: string,
  date: string,
  authorities?: ReadonlyMap<string, Authority>,
) {
  const result = { performed: 0, designated: 0, cured: 0 };
  const versions = await deps.store.listRecordVersions(subjectId);
  const recordOf = new Map(versions.map((v) => [v.id, v.recordId]));
  const current = await currentRecords(deps, subjectId, date, versions);
  const records = await withAuthorityDomains(deps, current, authorities);
  const open = (e: ListEntry) => expireIfDue(e, date).state === 'effective';
  await deps.store.transaction(async (tx) => {
    // the entries are read under the lock: two runs about one subject at once (a follow-up and
    // its retry, or a sweep) take turns, and the second sees what the first designated
    await tx.lockSubjectLists([subjectId]);
    const entries = await tx.listEntriesOf([subjectId]);
    for (const type of deps.catalog.listTypes.values()) {
      const mine = entries.filter((e) => e.listType === type.id);
      const matching = records.filter((r) => matchingCriteria(type, r).length > 0);
      const rule = type.removalOnPerformance;
      for (const entry of mine.filter(open)) {
        const performedBy = rule
          ? records.find(
              (r) =>
                entry.recordIds.some((id) => recordOf.get(id) === r.recordId) &&
                rule.values.includes(String(r.fields[rule.field])),
            )
          : undefined;
        if (performedBy) {
          const on = dateOf(new Date(performedBy.recordedAt));
          await transition(deps, tx, entry, entry, {
            kind: 'remove',
            effectiveDate: on > date ? date : on,
            actor: SYSTEM.actor,
            reason: `obligation performed (record ${performedBy.id})`,
            data: { removal: 'performed' },
          });
          result.performed += 1;
        } else if (type.designation === 'automatic' && matching.length === 0) {
          await transition(deps, tx, entry, entry, {
            kind: 'remove',
            effectiveDate: date,
            actor: SYSTEM.actor,
            reason: 'the cause is cured: no current record meets the criteria',
            data: { removal: 'cured' },
          });
          result.cured += 1;
        }
      }
      if (type.designation !== 'automatic' || matching.length === 0 || mine.some(open)) continue;
      // a record designates once: an entry that ended does not come back from the same records
      const used = new Set(mine.flatMap((e) => e.recordIds));
      const fresh = matching.filter((r) => !used.has(r.id) && r.decisionDate <= date);
      if (fresh.length === 0) continue;
      const from = fresh
        .map((r) => r.decisionDate)
        .sort()
        .pop()!;
      // a designation whose whole period lies in the past would only be history written late
      if (type.period.kind === 'fixed' && addDuration(from, type.period.duration) <= date) continue;
      await designate(
        deps,
        tx,
        type,
        subjectId,
        fresh.map((r) => r.id),
        from > date ? date : from,
      );
      result.designated += 1;
    }
  });
  return result;
}

/** After a record changes: automatic lists and removal on performance follow at once. */
export async function afterRecordChange(deps: ServiceDeps, subjectId: string, recordType: string) {
  const relevant = [...deps.catalog.listTypes.values()].some(
    (t) =>
      (t.designation === 'automatic' || t.removalOnPerformance) &&
      t.criteria.some((c) => c.recordType === recordType),
  );
  if (relevant) await evaluateSubject(deps, subjectId, dateOf(deps.clock.now()));
}
