import type { ListType } from '../../domain/catalog.js';
import type { ListEntry, ListTransition, TransitionKind } from '../../domain/list-entry.js';
import {
  applyTransition,
  canTransition,
  firstState,
  expireIfDue,
  TRANSITIONS,
  type TransitionEffects,
} from '../../domain/list-lifecycle.js';
import { CredenceError } from '../../errors.js';
import type { StoreTx } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { owe } from '../follow-ups/owed.js';

/** transitions that put an entry in force or end it: what ratings read, so each owes a re-rate */
const RERATES: ReadonlySet<TransitionKind> = new Set(['decide', 'designate', 'extend', 'remove']);

/** Who acts, and for which authority (`system` for sweeps and automatic lists). */
export interface ListActor {
  actor: string;
  authorityId: string;
}

export function listTypeOf(deps: ServiceDeps, id: string): ListType {
  const type = deps.catalog.listTypes.get(id);
  if (!type)
    throw new CredenceError('LIST_TYPE_UNKNOWN', `no list type "${id}" in the catalog`, {
      field: 'list',
    });
  return type;
}

export async function loadEntry(tx: StoreTx, id: string): Promise<ListEntry> {
  const entry = await tx.getListEntry(id);
  if (!entry)
    throw new CredenceError('LIST_ENTRY_NOT_FOUND', `no list entry ${id}`, { field: 'entry' });
  return entry;
}

export interface TransitionInput {
  kind: TransitionKind;
  effectiveDate: string;
  actor: string;
  reason: string;
  recordIds?: string[];
  data?: TransitionEffects & Record<string, unknown>;
}

/**
 * Applies one transition to an entry in the caller's transaction: checks it is allowed
 * from the entry's state on that date (an entry past its period counts as expired),
 * appends it to the feed, updates the entry row and the audit log.
 */
export async function transition(
  deps: ServiceDeps,
  tx: StoreTx,
  entry: ListEntry | null,
  base: Pick<ListEntry, 'id' | 'subjectId' | 'listType' | 'authorityId'>,
  input: TransitionInput,
): Promise<{ entry: ListEntry; transition: ListTransition }> {
  // an entry past its period counts as expired, except when the expiry itself is being recorded
  const recordingExpiry = input.kind === 'remove' && input.data?.removal === 'expired';
  const current = entry && !recordingExpiry ? expireIfDue(entry, input.effectiveDate) : entry;
  const from = current?.state ?? null;
  if (!canTransition(input.kind, from)) {
    throw new CredenceError(
      'LIST_TRANSITION_INVALID',
      `cannot ${input.kind} an entry that is ${from ?? 'new'}${current?.removal ? ` (${current.removal})` : ''}`,
      { field: 'entry' },
    );
  }
  if (!input.reason?.trim())
    throw new CredenceError('REASON_REQUIRED', undefined, { field: 'reason' });
  const at = deps.clock.now().toISOString();
  const stored = await tx.appendTransition({
    entryId: base.id,
    subjectId: base.subjectId,
    listType: base.listType,
    kind: input.kind,
    fromState: from,
    toState: TRANSITIONS[input.kind].to,
    effectiveDate: input.effectiveDate,
    at,
    actor: input.actor,
    reason: input.reason.trim(),
    recordIds: input.recordIds ?? entry?.recordIds ?? [],
    data: input.data ?? {},
  });
  const next = entry ? applyTransition(current!, stored) : firstState(base, stored);
  if (entry) await tx.updateListEntry(next);
  else await tx.insertListEntry(next);
  await tx.appendAudit({
    at,
    actor: input.actor,
    action: `lists.${input.kind}`,
    subjectIds: [base.subjectId],
    payload: {
      entryId: base.id,
      listType: base.listType,
      seq: stored.seq,
      to: stored.toState,
      reason: stored.reason,
    },
  });
  // owed here, in the transition's transaction, so that a crash after the commit cannot lose it
  if (RERATES.has(input.kind)) await owe(tx, [{ subjectId: base.subjectId, recordType: null }], at);
  return { entry: next, transition: stored };
}
