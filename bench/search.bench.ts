/**
 * Search benchmark (not a test): name search and screening over a registry of N subjects
 * (bench/search-data.ts), with a quality set of noisy queries (typos, pinyin, initials, other
 * legal forms, full-width, swapped words, English names, traditional characters) made from
 * known enterprises whose name is unique, and their true answers. It prints recall at 10 and
 * precision at 1 per noise kind, single-query latency (p50, p95), screening throughput in
 * batches of 100, and, in the same run, the same queries against MiniSearch (a general-purpose
 * JavaScript full-text library with fuzzy and prefix search) over a subset of the names, its
 * latency extrapolated to N and its recall counted on the queries whose answer it holds. It
 * counts each query's twins (bench/search-twins.ts), the subjects it fits as well as its truth,
 * and prints the best recall and precision a name search could reach, its own on the queries
 * without a twin, and its own with every twin counted as a right answer (precision at 1: the
 * first hit is one; recall at 10: the share of right answers among the first ten, capped at ten).
 *
 *   npm run bench:search -- [--subjects 1000000] [--queries 10000] [--subset 100000]
 *     [--typed 1400] [--scan 150 (edit-distance scan queries a kind)] [--backend sqlite|postgres|both] [--pg postgres://…] [--db <path>|postgres://…] (kept and reused)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { loadCatalog } from '../src/catalog/load.js';
import { PROJECT_ROOT } from '../src/config.js';
import { fixedClock } from '../src/domain/clock.js';
import { mixSeed, Rng } from '../src/domain/prng.js';
import {
  ALL_NOISE_KINDS,
  NOISE_KINDS,
  noisyQueries,
  TYPED_NOISE_KINDS,
  type KnownName,
  type NoiseKind,
} from '../src/domain/search/noise.js';
import { foldText } from '../src/domain/search/normalise.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { screen } from '../src/services/search/screening.service.js';
import { searchSubjects } from '../src/services/search/search.service.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import type { Subject } from '../src/domain/subject.js';
import { ricBirthDate } from '../src/domain/identifiers/ric.js';
import { benchSubjectAt, uniqueEnterprises, type UniqueTruth } from './search-data.js';
import { twinsOf } from './search-twins.js';
import { fmt, machineBusySeconds, withPgDatabase } from './support.js';
import { consoleReader } from '../src/cli/context.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '10000' },
    subset: { type: 'string', default: '100000' },
    typed: { type: 'string', default: '1400' },
    /** the edit-distance scan's queries a kind (slow: every name of the registry each) */
    scan: { type: 'string', default: '150' },
    backend: { type: 'string', default: 'sqlite' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    db: { type: 'string' },
  },
});
const N = Number(args.subjects);
const QUERIES = Number(args.queries);
const SUBSET = Math.min(N, Number(args.subset));
/** queries of the kinds issue 19 added, persons' given names swapped among them */
const TYPED = Number(args.typed);
const BATCH = 2000;
const TARGET = { recall10: 0.98, precision1: 0.9, p95Ms: 20, screenPerSecond: 200 };

async function build(store: Store): Promise<void> {
  const { subjects } = await store.counts();
  if (subjects === N) {
    console.log(`  reusing the store: ${fmt(N)} subjects`);
    return;
  }
  if (subjects > 0) throw new Error(`the store holds ${subjects} subjects, not ${N}`);
  const started = Date.now();
  for (let from = 0; from < N; from += BATCH) {
    const page: Subject[] = [];
    for (let i = from; i < Math.min(N, from + BATCH); i++) page.push(benchSubjectAt(i).subject);
    await store.transaction((tx) => tx.insertSubjects(page));
    if ((from / BATCH) % 50 === 49)
      console.log(
        `  built ${fmt(from + BATCH)} subjects in ${fmt((Date.now() - started) / 1000, 1)} s`,
      );
  }
  console.log(`  build (not measured): ${fmt((Date.now() - started) / 1000, 1)} s`);
}

type Truth = UniqueTruth;

/** Enterprises whose Chinese name no other subject has: a query can have one right answer. */
const truths = (): Truth[] => uniqueEnterprises(N, QUERIES);

/**
 * How many queries another subject fits as well as their truth, and so the best any name
 * search can expect: P@1 1/(1 + twins), R@10 10/(1 + twins) at most, per query.
 */
function reportAmbiguity(queries: ReadonlyArray<{ noise: NoiseKind }>, twins: readonly number[]) {
  const cells = NOISE_KINDS.map((k) => {
    const mine = twins.filter((_, i) => queries[i]!.noise === k);
    const some = mine.filter((t) => t > 0).length;
    const ten = mine.filter((t) => t >= 10).length;
    return `${k} ${some}/${ten}`;
  });
  const p1 = twins.reduce((s, t) => s + 1 / (1 + t), 0) / twins.length;
  const r10 = twins.reduce((s, t) => s + Math.min(1, 10 / (1 + t)), 0) / twins.length;
  console.log(
    `  ambiguity: ${fmt(twins.filter((t) => t > 0).length)} queries fit another subject as well as their truth, ${fmt(twins.filter((t) => t >= 10).length)} fit 10 or more; the best any name search can expect: recall@10 ${r10.toFixed(4)}, precision@1 ${p1.toFixed(4)}`,
  );
  console.log(`    per kind (with a twin/with 10 or more): ${cells.join(', ')}`);
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

interface Tally {
  n: number;
  at1: number;
  at10: number;
}
const tally = (): Tally => ({ n: 0, at1: 0, at10: 0 });
const add = (t: Tally, rank: number) => {
  t.n++;
  if (rank === 0) t.at1++;
  if (rank >= 0 && rank < 10) t.at10++;
};
/**
 * With every right answer of a query (its truth and its twins): precision at 1 is whether the
 * first hit is one, recall at 10 the share of them in the first ten, of at most ten (capped
 * recall: a query with 40 right answers is fully answered by ten of them).
 */
const addAnswers = (t: Tally, hits: readonly string[][], answers: ReadonlySet<string>) => {
  const right = hits.map((ids) => ids.some((id) => answers.has(id)));
  t.n++;
  if (right[0]) t.at1++;
  t.at10 += right.slice(0, 10).filter(Boolean).length / Math.min(10, answers.size);
};
const tallyOf = (m: Map<NoiseKind, Tally>, k: NoiseKind) => m.get(k) ?? m.set(k, tally()).get(k)!;
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const verdict = (value: number, target: number) => (value >= target ? 'met' : 'NOT met');

function report(label: string, byKind: Map<NoiseKind, Tally>): { r10: number; p1: number } {
  const all = tally();
  const cells = NOISE_KINDS.map((k) => {
    const t = byKind.get(k) ?? tally();
    all.n += t.n;
    all.at1 += t.at1;
    all.at10 += t.at10;
    return `${k} ${ratio(t.at10, t.n).toFixed(3)}/${ratio(t.at1, t.n).toFixed(3)}`;
  });
  const r10 = ratio(all.at10, all.n);
  const p1 = ratio(all.at1, all.n);
  console.log(
    `  ${label}: recall@10 ${r10.toFixed(4)}, precision@1 ${p1.toFixed(4)} over ${fmt(all.n)} queries`,
  );
  console.log(`    per kind (recall@10/precision@1): ${cells.join(', ')}`);
  return { r10, p1 };
}

interface Measured {
  /** person: a person screened by name, region and birth year (at most 5 candidates) */
  noise: NoiseKind | 'person';
  /** the rank of the right answer among the first ten, -1 if not there */
  rank: number;
  ms: number;
  /** the query, to profile the slowest */
  query?: string;
}

/** A query of a kind issue 19 added, and what counts as its right answer. */
interface TypedQuery {
  noise: NoiseKind | 'person';
  query: string;
  /** a business: its identifier; a person: its name (any namesake is as right) */
  right: (hit: { name: string; identifiers: string[] }) => boolean;
  /** the same for the scan: the subject at an index */
  rightAt: (index: number) => boolean;
}

/** Persons whose name is three Chinese characters, whose given name can be swapped. */
function personTruths(count: number): Array<KnownName & { index: number }> {
  const rng = new Rng(mixSeed(19, N));
  const picked: Array<KnownName & { index: number }> = [];
  for (let tries = 0; picked.length < count && tries < N; tries++) {
    const i = rng.int(0, N - 1);
    const name = benchSubjectAt(i).subject.names[0]!.name;
    if (benchSubjectAt(i).subject.kind === 'person' && /^\p{Script=Han}{3}$/u.test(name))
      picked.push({ name, kind: 'person', index: i });
  }
  return picked;
}

/** Every name of the registry folded and unspaced, Chinese and English, for the scan. */
let scanNames: Array<[number, string]> | null = null;
function namesToScan(): Array<[number, string]> {
  if (scanNames) return scanNames;
  scanNames = [];
  for (let i = 0; i < N; i++) {
    const s = benchSubjectAt(i);
    for (const name of [s.subject.names[0]!.name, s.nameEn])
      if (name) scanNames.push([i, foldText(name).replaceAll(' ', '')]);
  }
  return scanNames;
}

/** The plain baseline: edit distance (fastest-levenshtein) to every name, the ten nearest subjects. */
function scan(query: string): number[] {
  const q = foldText(query).replaceAll(' ', '');
  const best = new Map<number, number>();
  for (const [i, name] of namesToScan()) {
    const d = distance(q, name) / Math.max(q.length, name.length, 1);
    if (d < (best.get(i) ?? Infinity)) best.set(i, d);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .slice(0, 10)
    .map(([i]) => i);
}

/**
 * recall@1, recall@10 and p50/p95/p99 per noise kind, the first set's and the kinds of issue 19,
 * beside a plain edit-distance scan over the same names in the same run.
 */
async function perKind(
  deps: ServiceDeps,
  known: readonly Truth[],
  first: ReadonlyArray<{ noise: NoiseKind; query: string; truth: Truth }>,
  measured: Measured[],
): Promise<void> {
  const byIdentifier = (t: Truth): Pick<TypedQuery, 'right' | 'rightAt'> => ({
    right: (h) => h.identifiers.includes(t.identifier),
    rightAt: (i) => i === t.index,
  });
  const orgKinds = TYPED_NOISE_KINDS.filter((k) => k !== 'given-swap');
  const typed: TypedQuery[] = noisyQueries(known, 19, TYPED - Math.floor(TYPED / 8), orgKinds).map(
    (q) => ({ noise: q.noise, query: q.query, ...byIdentifier(q.truth) }),
  );
  for (const q of noisyQueries(personTruths(Math.floor(TYPED / 8)), 19, Math.floor(TYPED / 8), [
    'given-swap',
  ]))
    typed.push({
      noise: q.noise,
      query: q.query,
      right: (h) => h.name === q.truth.name,
      rightAt: (i) => benchSubjectAt(i).subject.names[0]!.name === q.truth.name,
    });
  for (const q of typed) {
    const t = process.hrtime.bigint();
    const hits = await searchSubjects(deps, { q: q.query, limit: 10 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const rank = hits.findIndex((h) =>
      q.right({ name: h.name, identifiers: h.identifiers.map((i) => i.value) }),
    );
    measured.push({ noise: q.noise, rank, ms, query: q.query });
  }
  // persons as screening gives them: the name, the region and the birth year, for a purpose;
  // any namesake born that year in that region is as right (nothing else tells them apart)
  const access = { reader: consoleReader('bench'), purpose: 'procurement_check' };
  const persons: TypedQuery[] = [];
  for (const p of personTruths(Math.floor(TYPED / 8))) {
    const subject = benchSubjectAt(p.index).subject;
    const year = Number(ricBirthDate(benchSubjectAt(p.index).identifier).slice(0, 4));
    const region = subject.region!;
    const t = process.hrtime.bigint();
    const [answer] = await screen(
      deps,
      [{ name: p.name, kind: 'person', region, birthYear: year }],
      access,
    );
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const rank = answer!.candidates.findIndex(
      (c) =>
        c.name === p.name &&
        c.region === region &&
        c.features.some((f) => f.detail === 'birth year matches'),
    );
    measured.push({ noise: 'person', rank, ms, query: p.name });
    persons.push({
      noise: 'person',
      query: p.name,
      right: () => false,
      rightAt: (i) => {
        const s = benchSubjectAt(i);
        return (
          s.subject.names[0]!.name === p.name &&
          s.subject.region === region &&
          ricBirthDate(s.identifier).startsWith(String(year))
        );
      },
    });
  }
  const scanned: Measured[] = [];
  const all = [
    ...first.map((q): TypedQuery => ({ noise: q.noise, query: q.query, ...byIdentifier(q.truth) })),
    ...typed,
    ...persons,
  ];
  // the scan is slow: at most SCAN queries a kind
  const perKindCount = new Map<NoiseKind | 'person', number>();
  for (const q of all) {
    const n = perKindCount.get(q.noise) ?? 0;
    if (n >= Number(args.scan)) continue;
    perKindCount.set(q.noise, n + 1);
    const t = process.hrtime.bigint();
    const found = scan(q.query);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    scanned.push({ noise: q.noise, rank: found.findIndex(q.rightAt), ms });
  }
  const row = (ms: readonly Measured[]) => {
    const ts = ms.map((m) => m.ms);
    return `${fmt(ms.length).padStart(5)} ${ratio(ms.filter((m) => m.rank === 0).length, ms.length).toFixed(3)} ${ratio(ms.filter((m) => m.rank >= 0 && m.rank < 10).length, ms.length).toFixed(3)} ${pct(ts, 50).toFixed(2).padStart(6)} ${pct(ts, 95).toFixed(2).padStart(6)} ${pct(ts, 99).toFixed(2).padStart(6)}`;
  };
  console.log(
    `  per kind: Credence | fastest-levenshtein scan over ${fmt(namesToScan().length)} names (at most ${args.scan} queries a kind); person: screened by name, region and birth year, at most 5 candidates`,
  );
  console.log(
    `    ${'kind'.padEnd(14)}     n  r@1   r@10    p50    p95    p99 |     n  r@1   r@10    p50    p95    p99`,
  );
  for (const k of [...ALL_NOISE_KINDS, 'person' as const, 'all' as const]) {
    // 'all' is the organisations and swapped given names; persons as screened stand apart
    const ours = measured.filter((m) => (k === 'all' ? m.noise !== 'person' : m.noise === k));
    const theirs = scanned.filter((m) => (k === 'all' ? m.noise !== 'person' : m.noise === k));
    if (ours.length === 0) continue;
    console.log(`    ${k.padEnd(14)} ${row(ours)} | ${row(theirs)}`);
  }
  const slowest = [...measured].sort((a, b) => b.ms - a.ms).slice(0, 12);
  console.log(
    `  slowest: ${slowest.map((m) => `${m.noise} ${m.query ?? ''} ${m.ms.toFixed(0)} ms`).join('; ')}`,
  );
}

async function bench(label: string, url: string): Promise<void> {
  console.log(`\n${label}: ${fmt(N)} subjects`);
  const store = await openStore(url);
  try {
    await store.migrate();
    await build(store);
    // fresh statistics for the new rows, as the other benchmarks take them; else the planner
    // scans search_keys whole, or autovacuum runs mid-measure
    if (/^postgres(ql)?:\/\//.test(url)) {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      await pool.query('VACUUM ANALYZE').finally(() => pool.end());
    }
    const deps: ServiceDeps = {
      store,
      catalog: await loadCatalog(join(PROJECT_ROOT, 'catalogs', 'default')),
      clock: fixedClock('2026-06-15T10:00:00.000Z'),
    };
    const known = truths();
    const queries = noisyQueries(known, 42, QUERIES);
    console.log(
      `  quality set: ${fmt(queries.length)} noisy queries over ${fmt(known.length)} enterprises with unique names`,
    );

    // warm-up: the first queries load the pinyin dictionary and fill the caches
    for (const q of queries.slice(0, 50)) await searchSubjects(deps, { q: q.query, limit: 10 });
    const ours = new Map<NoiseKind, Tally>();
    const oursSubset = new Map<NoiseKind, Tally>();
    const latencies: number[] = [];
    const rankOf: number[] = [];
    // each hit's identifiers, as the public sees them (an enterprise's in full)
    const hitsOf: string[][][] = [];
    const measured: Measured[] = [];
    for (const q of queries) {
      const t = process.hrtime.bigint();
      const hits = await searchSubjects(deps, { q: q.query, limit: 10 });
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      hitsOf.push(hits.map((h) => h.identifiers.map((i) => i.value)));
      const rank = hits.findIndex((h) => h.identifiers.some((i) => i.value === q.truth.identifier));
      rankOf.push(rank);
      measured.push({ noise: q.noise, rank, ms: latencies.at(-1)!, query: q.query });
      add(tallyOf(ours, q.noise), rank);
      if (q.truth.index < SUBSET) add(tallyOf(oursSubset, q.noise), rank);
    }
    const quality = report('Credence', ours);
    // after the timed queries, so that its reads warm nothing for them
    const twins: string[][] = [];
    for (const q of queries) twins.push(await twinsOf(store, q));
    reportAmbiguity(
      queries,
      twins.map((t) => t.length),
    );
    const oursDistinct = new Map<NoiseKind, Tally>();
    const oursAnswers = new Map<NoiseKind, Tally>();
    for (const [qi, q] of queries.entries()) {
      if (twins[qi]!.length === 0) add(tallyOf(oursDistinct, q.noise), rankOf[qi]!);
      addAnswers(
        tallyOf(oursAnswers, q.noise),
        hitsOf[qi]!,
        new Set([q.truth.identifier, ...twins[qi]!]),
      );
    }
    report('Credence on the queries no other subject fits as well', oursDistinct);
    const answered = report(
      'Credence with every subject a query fits as well as its truth a right answer (capped recall)',
      oursAnswers,
    );
    console.log(
      `  single query: p50 ${fmt(pct(latencies, 50), 2)} ms, p95 ${fmt(pct(latencies, 95), 2)} ms, p99 ${fmt(pct(latencies, 99), 2)} ms (target p95 < ${TARGET.p95Ms} ms)`,
    );

    await perKind(deps, known, queries, measured);

    const screened = queries.slice(0, 2000).map((q) => ({ name: q.query }));
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    // persons are screened for a purpose, and each one answered lands in its inquiry log
    const access = { reader: consoleReader('bench'), purpose: 'procurement_check' };
    for (let i = 0; i < screened.length; i += 100)
      await screen(deps, screened.slice(i, i + 100), access);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const busy1 = machineBusySeconds();
    // with PostgreSQL the server's work is in another process: the machine's CPU counts both
    const machine =
      busy0 === null || busy1 === null
        ? ''
        : `, ${fmt(screened.length / (busy1 - busy0))} per CPU-second of the whole machine`;
    console.log(
      `  screening, batches of 100: ${fmt(screened.length / seconds)} queries/s, ${fmt(screened.length / cpuSeconds)} per CPU-second of this process${machine} (target >= ${TARGET.screenPerSecond} per core)`,
    );

    // the general-purpose library over the first SUBSET subjects' names, same queries
    const mini = new MiniSearch<{ id: number; name: string; nameEn: string }>({
      fields: ['name', 'nameEn'],
      storeFields: [],
      searchOptions: { fuzzy: 0.2, prefix: true },
    });
    const indexStart = Date.now();
    for (let i = 0; i < SUBSET; i++) {
      const s = benchSubjectAt(i);
      mini.add({ id: i, name: s.subject.names[0]!.name, nameEn: s.nameEn ?? '' });
    }
    const indexSeconds = (Date.now() - indexStart) / 1000;
    const theirs = new Map<NoiseKind, Tally>();
    const miniLatencies: number[] = [];
    for (const q of queries) {
      if (q.truth.index >= SUBSET) continue;
      const t = process.hrtime.bigint();
      const found = mini.search(q.query).slice(0, 10);
      miniLatencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      add(
        tallyOf(theirs, q.noise),
        found.findIndex((r) => r.id === q.truth.index),
      );
    }
    const scale = N / SUBSET;
    console.log(
      `  MiniSearch over ${fmt(SUBSET)} names (indexed in ${fmt(indexSeconds, 1)} s, fuzzy 0.2, prefix), the ${fmt(miniLatencies.length)} queries whose answer it holds:`,
    );
    const baseline = report('MiniSearch', theirs);
    const onSubset = report('Credence on the same queries (searching all subjects)', oursSubset);
    console.log(
      `  MiniSearch single query: p50 ${fmt(pct(miniLatencies, 50), 2)} ms, p95 ${fmt(pct(miniLatencies, 95), 2)} ms on ${fmt(SUBSET)} names; ~${fmt(pct(miniLatencies, 95) * scale, 1)} ms p95 extrapolated linearly to ${fmt(N)}`,
    );
    console.log(
      `  targets: recall@10 ${quality.r10.toFixed(4)} (>= ${TARGET.recall10}) ${verdict(quality.r10, TARGET.recall10)} with the truth the only right answer, ${answered.r10.toFixed(4)} ${verdict(answered.r10, TARGET.recall10)} with its twins right too; precision@1 ${quality.p1.toFixed(4)} (>= ${TARGET.precision1}) ${verdict(quality.p1, TARGET.precision1)}, ${answered.p1.toFixed(4)} ${verdict(answered.p1, TARGET.precision1)}; recall@10 above MiniSearch's on the same queries: ${onSubset.r10.toFixed(4)} vs ${baseline.r10.toFixed(4)} ${onSubset.r10 > baseline.r10 ? 'met' : 'NOT met'}; peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`,
    );
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'credence-search-bench-'));
try {
  if (args.db)
    await bench('kept store', /^postgres(ql)?:\/\//.test(args.db) ? args.db : resolve(args.db));
  else {
    if (args.backend !== 'postgres') await bench('SQLite (WAL)', join(dir, 'search.db'));
    if (args.backend !== 'sqlite')
      await withPgDatabase(args.pg, 'credence_search_bench', (url) => bench('PostgreSQL', url));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
