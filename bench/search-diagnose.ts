/**
 * Why a noisy query misses its truth (not a test): over a kept store of the search benchmark
 * (bench/search.bench.ts --db), runs the benchmark's queries of some noise kinds and, for each
 * whose truth is not first, says where it was lost: in no tier's key rows, cut among the
 * candidates fetched (FETCHED) or scored (SCORED), scored but outranked, or never reached
 * because an earlier tier was good enough.
 *
 *   npx tsx bench/search-diagnose.ts --subjects 200000 --db <path>|postgres://… [--kinds typo,transposed] [--show 5]
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/load.js';
import { PROJECT_ROOT } from '../src/config.js';
import { fixedClock } from '../src/domain/clock.js';
import {
  noisyQueries,
  TYPED_NOISE_KINDS,
  type NoiseKind,
  type NoisyQuery,
} from '../src/domain/search/noise.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { tierTrace, type TierTrace } from '../src/services/search/name-search.js';
import { searchSubjects } from '../src/services/search/search.service.js';
import { openStore } from '../src/store/open.js';
import { uniqueEnterprises, type UniqueTruth } from './search-data.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '200000' },
    queries: { type: 'string', default: '1000' },
    typed: { type: 'string', default: '1400' },
    kinds: { type: 'string', default: 'typo,initials,transposed,look-alike' },
    show: { type: 'string', default: '4' },
    db: { type: 'string' },
  },
});
const N = Number(args.subjects);
const KINDS = new Set(args.kinds!.split(','));

type Truth = UniqueTruth;

const store = await openStore(/^postgres(ql)?:\/\//.test(args.db!) ? args.db! : resolve(args.db!));
const deps: ServiceDeps = {
  store,
  catalog: await loadCatalog(join(PROJECT_ROOT, 'catalogs', 'default')),
  clock: fixedClock('2026-06-15T10:00:00.000Z'),
};
const known = uniqueEnterprises(N, Number(args.queries));
const typed = Number(args.typed);
const orgKinds = TYPED_NOISE_KINDS.filter((k) => k !== 'given-swap');
const queries: Array<NoisyQuery<Truth>> = [
  ...noisyQueries(known, 42, Number(args.queries)),
  ...noisyQueries(known, 19, typed - Math.floor(typed / 8), orgKinds),
].filter((q) => KINDS.has(q.noise));

type Cause = string;
const causes = new Map<NoiseKind, Map<Cause, number>>();
const examples = new Map<string, string[]>();
const count = (k: NoiseKind, c: Cause, example: string) => {
  const m = causes.get(k) ?? causes.set(k, new Map()).get(k)!;
  m.set(c, (m.get(c) ?? 0) + 1);
  const e = examples.get(`${k} ${c}`) ?? examples.set(`${k} ${c}`, []).get(`${k} ${c}`)!;
  if (e.length < Number(args.show)) e.push(example);
};
const totals = new Map<NoiseKind, { n: number; at1: number; at10: number }>();
try {
  for (const q of queries) {
    const traces: TierTrace[] = [];
    tierTrace.on = (t) => traces.push(t);
    const hits = await searchSubjects(deps, { q: q.query, limit: 10 });
    tierTrace.on = undefined;
    const rank = hits.findIndex((h) => h.identifiers.some((i) => i.value === q.truth.identifier));
    const t = totals.get(q.noise) ?? totals.set(q.noise, { n: 0, at1: 0, at10: 0 }).get(q.noise)!;
    t.n++;
    if (rank === 0) t.at1++;
    if (rank >= 0 && rank < 10) t.at10++;
    if (rank === 0) continue;
    const id = q.truth.id;
    const inRows = traces.find((tr) => tr.rows.some((r) => r.subjectId === id));
    const chosen = traces.find((tr) => tr.chosen.includes(id));
    let cause: string;
    if (chosen) cause = `scored (tier ${chosen.tier}) but ranked ${rank < 0 ? '>10' : rank + 1}`;
    else if (inRows) {
      const at = inRows.ranked.indexOf(id);
      cause = `in tier ${inRows.tier} rows, candidate ${at < 0 ? 'already scored?' : at < 400 ? '< FETCHED, cut by SCORED' : '>= FETCHED'}`;
    } else {
      const last = traces.at(-1);
      cause = last?.stopped ? `in no rows; stopped after tier ${last.tier}` : 'in no tier rows';
    }
    const top = hits[0];
    count(
      q.noise,
      cause,
      `${q.query} -> truth ${q.truth.name}; top ${top?.name ?? '-'} ${top?.score ?? ''} [${top?.reasons.join('; ') ?? ''}]; tiers ${traces.map((tr) => `${tr.tier}:${tr.rows.length}r/${tr.ranked.length}c`).join(' ')}`,
    );
  }
} finally {
  await store.close();
}
for (const [k, t] of totals) {
  console.log(`${k}: n ${t.n} r@1 ${(t.at1 / t.n).toFixed(3)} r@10 ${(t.at10 / t.n).toFixed(3)}`);
  for (const [c, n] of [...(causes.get(k) ?? new Map<string, number>())].sort(
    (a, b) => b[1] - a[1],
  )) {
    console.log(`  ${n} ${c}`);
    for (const e of examples.get(`${k} ${c}`) ?? []) console.log(`      ${e}`);
  }
}
