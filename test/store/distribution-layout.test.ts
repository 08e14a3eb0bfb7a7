import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { BACKENDS, onAdmin, PG_ADMIN_URL } from '../support/backends.js';

/**
 * docs/scaling.md lays the schema out for a distributed PostgreSQL (Citus) sharded by subject:
 * this test migrates a fresh database and fails when a key (primary, unique, foreign) is one a
 * distribution by subject_id could not enforce and the document does not list it with its answer,
 * when the document lists a key the schema no longer has, or when a table is not placed.
 */

const DOC = readFileSync(join(PROJECT_ROOT, 'docs', 'scaling.md'), 'utf8');

type Placement = { placement: 'distributed' | 'reference' | 'single'; column: string };

interface Key {
  table: string;
  /** as PostgreSQL writes it, e.g. `UNIQUE (scheme, value)` (quotes and deferral left out) */
  definition: string;
  kind: 'p' | 'u' | 'f';
  columns: string[];
  references: string | null;
  referenced: string[];
}

/** the rows of the markdown table that follows a heading, cells without their backticks */
function tableAfter(heading: string): string[][] {
  const start = DOC.indexOf(heading);
  if (start < 0) throw new Error(`docs/scaling.md has no "${heading}"`);
  const lines = DOC.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
  }
  return rows;
}

const normal = (definition: string) =>
  definition
    .replace(/"/g, '')
    .replace(/\s+(DEFERRABLE|NOT DEFERRABLE|INITIALLY \w+|NOT VALID)/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const placements = (): Map<string, Placement> =>
  new Map(
    tableAfter('### Placement').map(([table = '', placement = '', column = '']) => [
      table,
      { placement: placement as Placement['placement'], column },
    ]),
  );

const listedKeys = (): Map<string, string> =>
  new Map(
    tableAfter('### Keys').map(([table = '', key = '', answer = '']) => [
      `${table} ${normal(key)}`,
      answer,
    ]),
  );

/** whether Citus enforces the key with the tables placed as the document places them */
function enforceable(key: Key, placed: Map<string, Placement>): boolean {
  const own = placed.get(key.table);
  if (!own) return false;
  if (key.kind !== 'f') return own.placement !== 'distributed' || key.columns.includes(own.column);
  const target = placed.get(key.references ?? '');
  if (!target) return false;
  if (target.placement === 'reference') return true;
  if (target.placement === 'single') return own.placement === 'single';
  // to a distributed table: only from a colocated one, through the distribution column
  if (own.placement !== 'distributed') return false;
  const at = key.referenced.indexOf(target.column);
  return at >= 0 && key.columns[at] === own.column;
}

/** the keys no distribution by subject could enforce, as `table definition` */
const unenforceable = (keys: Key[], placed: Map<string, Placement>): string[] =>
  keys.filter((k) => !enforceable(k, placed)).map((k) => `${k.table} ${k.definition}`);

describe.runIf(BACKENDS.some((b) => b.name === 'postgres'))(
  'the distributed layout in docs/scaling.md against the PostgreSQL schema',
  () => {
    const database = `credence_layout_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    let client: pg.Client | undefined;

    beforeAll(async () => {
      await onAdmin(`CREATE DATABASE ${database}`);
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${database}`;
      const store = await PostgresStore.connect(url.toString());
      try {
        await store.migrate();
      } finally {
        await store.close();
      }
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
    }, 60_000);

    afterAll(async () => {
      await client?.end();
      await onAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });

    const tables = async (): Promise<string[]> =>
      (
        await client!.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
        )
      ).rows.map((r) => r.table_name);

    const keys = async (): Promise<Key[]> => {
      const columns = (rel: string, nums: string) =>
        `ARRAY(SELECT a.attname::text FROM unnest(${nums}) WITH ORDINALITY k(n, i)
                JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n ORDER BY k.i)`;
      const constraints = await client!.query<Key & { kind: 'p' | 'u' | 'f' }>(
        `SELECT c.conrelid::regclass::text AS "table", pg_get_constraintdef(c.oid) AS definition,
                c.contype AS kind, ${columns('c.conrelid', 'c.conkey')} AS columns,
                CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END AS "references",
                ${columns('c.confrelid', 'c.confkey')} AS referenced
           FROM pg_constraint c
          WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'u', 'f')`,
      );
      // a unique index made without a constraint is a unique key too
      const indexes = await client!.query<{ table: string; name: string; columns: string[] }>(
        `SELECT i.indrelid::regclass::text AS "table", x.relname AS name,
                ${columns('i.indrelid', 'i.indkey::int2[]')} AS columns
           FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
          WHERE i.indisunique AND x.relnamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      );
      return [
        ...constraints.rows.map((k) => ({ ...k, definition: normal(k.definition) })),
        ...indexes.rows.map((i) => ({
          table: i.table,
          definition: `UNIQUE (${i.columns.join(', ')})`,
          kind: 'u' as const,
          columns: i.columns,
          references: null,
          referenced: [],
        })),
      ];
    };

    it('places every table of the schema (distributed by subject, reference or single) and no other', async () => {
      const placed = placements();
      expect([...placed.keys()].sort()).toEqual(await tables());
      for (const [table, p] of placed) {
        expect(['distributed', 'reference', 'single'], table).toContain(p.placement);
        if (p.placement === 'distributed') expect(['subject_id', 'id'], table).toContain(p.column);
      }
      expect(placed.get('subjects')).toEqual({ placement: 'distributed', column: 'id' });
      // a table with a subject_id column lies with its subject, or the document answers for its key
      const owned = (
        await client!.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'subject_id'`,
        )
      ).rows.map((r) => r.table_name);
      const answered = new Set([...listedKeys().keys()].map((k) => k.split(' ')[0]));
      for (const table of owned)
        if (placed.get(table)?.column !== 'subject_id') expect(answered, table).toContain(table);
    });

    it('lists every key a distribution by subject_id cannot enforce with its lookup-table answer, and no key the schema lacks', async () => {
      const placed = placements();
      const listed = listedKeys();
      const broken = unenforceable(await keys(), placed);
      expect(broken.filter((k) => !listed.has(k))).toEqual([]);
      expect([...listed.keys()].filter((k) => !broken.includes(k))).toEqual([]);
      for (const [key, answer] of listed) expect(answer.length, key).toBeGreaterThan(40);
    });

    it('finds a new key a distribution by subject could not enforce: a unique key or unique index without subject_id, a foreign key across shards', async () => {
      const before = unenforceable(await keys(), placements());
      await client!.query('BEGIN');
      try {
        await client!.query(
          'ALTER TABLE objections ADD CONSTRAINT objections_outcome_key UNIQUE (outcome_ref)',
        );
        await client!.query(
          'ALTER TABLE repairs ADD CONSTRAINT repairs_outcome_fkey FOREIGN KEY (outcome_ref) REFERENCES objections (id)',
        );
        await client!.query('CREATE UNIQUE INDEX ratings_grade_key ON ratings (run_id, grade)');
        const added = unenforceable(await keys(), placements()).filter((k) => !before.includes(k));
        expect(added.sort()).toEqual([
          'objections UNIQUE (outcome_ref)',
          'ratings UNIQUE (run_id, grade)',
          'repairs FOREIGN KEY (outcome_ref) REFERENCES objections(id)',
        ]);
      } finally {
        await client!.query('ROLLBACK');
      }
    });
  },
);
