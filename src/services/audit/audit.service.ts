import { ChainWalk, describeFinding, type ChainFinding } from '../../domain/audit-chain.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';

/** A root hash of the whole log up to `seq`: publish it, and a later verify proves nothing before it changed. */
export interface Checkpoint {
  seq: number;
  hash: string;
}

export interface CheckpointCheck extends Checkpoint {
  /** where the checkpoint comes from: the log's own record of it, or one given to verify */
  source: 'recorded' | 'given';
  /** null when the walk never reached its seq (the log was cut short) */
  matches: boolean | null;
}

export interface Verification {
  ok: boolean;
  entries: number;
  head: Checkpoint;
  finding: (ChainFinding & { description: string }) | null;
  checkpoints: CheckpointCheck[];
}

const PAGE = 1000;
const CHECKPOINT = 'audit.checkpoint';
/** entries whose hashes the walk keeps, for the checkpoints recorded just after them */
const RECENT = 4096;

/**
 * Records a checkpoint: the hash of the last entry so far, appended to the log itself (so every
 * verify checks it) and returned for publication. The append and its read share one transaction.
 */
export async function recordCheckpoint(deps: ServiceDeps, actor: string): Promise<Checkpoint> {
  return deps.store.transaction(async (tx) => {
    const checkpoint = await tx.auditHead();
    if (!checkpoint) throw new CredenceError('AUDIT_EMPTY');
    await tx.appendAudit({
      at: deps.clock.now().toISOString(),
      actor,
      action: CHECKPOINT,
      subjectIds: [],
      payload: checkpoint,
    });
    return checkpoint;
  });
}

/**
 * Walks the whole log, a page at a time, recomputing every hash: reports the first entry that
 * was changed, removed or reordered, and every checkpoint (recorded in the log, or given, e.g.
 * from where it was published) that no longer matches.
 */
export async function verifyAudit(
  deps: ServiceDeps,
  given: readonly Checkpoint[] = [],
): Promise<Verification> {
  const walk = new ChainWalk();
  const checks: CheckpointCheck[] = given.map((c) => ({ ...c, source: 'given', matches: null }));
  const pending = new Map(checks.map((c) => [c.seq, c]));
  const recent = new Map<number, string>();
  let after = 0;
  for (;;) {
    const page = await deps.store.listAudit(after, PAGE);
    for (const entry of page) {
      if (entry.action === CHECKPOINT) {
        const recorded = entry.payload as Checkpoint;
        // a recorded checkpoint names an entry shortly before it (concurrent writers may come between)
        const seen = recent.get(recorded.seq);
        checks.push({
          seq: recorded.seq,
          hash: recorded.hash,
          source: 'recorded',
          matches: seen === undefined ? null : seen === recorded.hash,
        });
      }
      walk.push(entry);
      recent.set(entry.seq, entry.hash);
      if (recent.size > RECENT) recent.delete(recent.keys().next().value as number);
      const wanted = pending.get(entry.seq);
      if (wanted) wanted.matches = wanted.hash === entry.hash;
    }
    if (page.length < PAGE) break;
    after = page.at(-1)?.seq ?? after;
  }
  const finding = walk.finding;
  return {
    ok: finding === null && checks.every((c) => c.matches === true),
    entries: walk.entries,
    head: walk.head,
    finding: finding ? { ...finding, description: describeFinding(finding) } : null,
    checkpoints: checks,
  };
}

/** `SEQ:HASH`, as `credence audit checkpoint` prints it. */
export function parseCheckpoint(text: string, field = 'checkpoint'): Checkpoint {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) {
    // say what is wrong with the hash when the shape is right, so a truncated copy is noticed
    const hash = /^\d+:([0-9a-fA-F]*)$/.exec(text.trim())?.[1];
    const why =
      hash === undefined
        ? 'is not SEQ:HASH (a sequence number, a colon, and the 64 hex digits of the hash)'
        : hash.length !== 64
          ? `has a hash of ${hash.length} hex digits where a SHA-256 hash has 64: copy the whole checkpoint`
          : 'has upper-case hex digits: a checkpoint is written in lower case';
    throw new CredenceError('CHECKPOINT_INVALID', `"${text}" ${why}`, { field });
  }
  return { seq: Number(match[1]), hash: match[2] as string };
}
