import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/account.js';
import { sha256 } from '../../src/domain/audit.js';
import { subjectIdFor, unkeyedSubjectId } from '../../src/domain/ids.js';
import type { StoredRating } from '../../src/domain/rating-run.js';
import type { RepairApplication } from '../../src/domain/repair.js';
import type { Subject } from '../../src/domain/subject.js';
import { writeSubmissions } from '../../src/services/records/record-writer.js';
import { prepareSubmission } from '../../src/services/records/submission.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import {
  makeAuthority,
  makeListEntry,
  makeObjection,
  makePerson,
  makeRecordVersion,
  makeSubject,
  makeTransition,
  uniqueRic,
} from '../support/factories.js';
import { defaultCatalog, penalty, TODAY } from '../support/registry.js';

/** A store and a plain connection to the same database, to set it up as an older release left it. */
interface Opened {
  store: Store;
  /** runs SQL on the plain connection; rows for a query */
  sql(text: string): Promise<Record<string, unknown>[]>;
  /** every table's rows, as JSON text, sorted: what the store holds */
  dump(): Promise<Record<string, string[]>>;
  /** closes the store, copies the database, and opens the copy (migrated) */
  copy(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** tables a dump leaves out: bookkeeping, and the views rebuilt from the data */
const NOT_DUMPED = new Set([
  'schema_migrations',
  'store_secrets',
  'public_views',
  'public_view_passes',
]);
const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

const BACKENDS = [
  {
    name: 'sqlite',
    async open(): Promise<Opened> {
      const dir = await mkdtemp(join(tmpdir(), 'credence-keys-'));
      const file = join(dir, 'credence.db');
      const store = SqliteStore.open(file);
      await store.migrate();
      const raw = new Database(file);
      const opened: Store[] = [store];
      const sql = async (text: string) => {
        const statement = raw.prepare(text);
        return statement.reader
          ? (statement.all() as Record<string, unknown>[])
          : (statement.run(), []);
      };
      return {
        store,
        sql,
        async dump() {
          const tables = (await sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_trigrams%'",
          )) as Array<{ name: string }>;
          const dump: Record<string, string[]> = {};
          for (const { name } of tables)
            if (!NOT_DUMPED.has(name)) dump[name] = sorted(await sql(`SELECT * FROM ${name}`));
          return dump;
        },
        async copy() {
          // the last connection to close folds the WAL into the file the copy is taken of
          await store.close();
          if (raw.open) raw.close();
          await copyFile(file, join(dir, 'copy.db'));
          const copy = SqliteStore.open(join(dir, 'copy.db'));
          await copy.migrate();
          opened.push(copy);
          return copy;
        },
        async cleanup() {
          if (raw.open) raw.close();
          for (const s of opened) await s.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open(): Promise<Opened> {
      const admin = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
      const onAdmin = async (text: string) => {
        const client = new pg.Client({ connectionString: admin });
        await client.connect();
        await client.query(text).finally(() => client.end());
      };
      const name = `credence_keys_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const urlOf = (db: string) => {
        const url = new URL(admin);
        url.pathname = `/${db}`;
        return url.toString();
      };
      await onAdmin(`CREATE DATABASE ${name}`);
      const store = await PostgresStore.connect(urlOf(name));
      await store.migrate();
      const raw = new pg.Pool({ connectionString: urlOf(name), max: 1 });
      // pool.end() resolves before its connection has closed; the DROP … WITH (FORCE) of cleanup
      // can then terminate it, and an idle client's error with no listener is an uncaught one
      raw.on('error', () => undefined);
      const opened: Store[] = [store];
      const sql = async (text: string) => (await raw.query(text)).rows as Record<string, unknown>[];
      return {
        store,
        sql,
        async dump() {
          const tables = (await sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
          )) as Array<{ table_name: string }>;
          const dump: Record<string, string[]> = {};
          for (const { table_name: t } of tables)
            if (!NOT_DUMPED.has(t)) dump[t] = sorted(await sql(`SELECT * FROM ${t}`));
          return dump;
        },
        async copy() {
          await store.close();
          await raw.end();
          await onAdmin(`CREATE DATABASE ${name}_copy TEMPLATE ${name}`);
          const copy = await PostgresStore.connect(urlOf(`${name}_copy`));
          await copy.migrate();
          opened.push(copy);
          return copy;
        },
        async cleanup() {
          await raw.end().catch(() => undefined);
          for (const s of opened) await s.close().catch(() => undefined);
          await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await onAdmin(`DROP DATABASE IF EXISTS ${name}_copy WITH (FORCE)`);
        },
      };
    },
  },
].filter(
  (b) => !process.env.TEST_BACKENDS || process.env.TEST_BACKENDS.split(',').includes(b.name),
);

/** A person as a store before migration 015 made it: its id the plain hash of its number. */
function oldPerson(name: string): Subject {
  const value = uniqueRic();
  return makePerson({
    id: unkeyedSubjectId('ric', value),
    identifiers: [{ scheme: 'ric', value, validFrom: null, validTo: null }],
    names: [{ name, lang: 'zh', script: 'Hans', current: true }],
  });
}

const rating = (subjectId: string, about: string): StoredRating => ({
  id: `rtg_${sha256(subjectId).slice(0, 12)}`,
  runId: null,
  subjectId,
  modelId: 'city_personal_score',
  modelVersion: '2026.1',
  asOf: '2026-06-01',
  periodEnd: null,
  published: true,
  score: 700,
  grade: 'A',
  ratedAt: '2026-06-01T08:00:00.000Z',
  // a result that names a subject: the rekey follows ids into JSON text too
  result: { rules: [], about },
});

const repair = (subjectId: string, itemId: string): RepairApplication => ({
  id: `rep_${sha256(itemId).slice(0, 12)}`,
  subjectId,
  item: 'record',
  itemId,
  itemType: 'admin_penalty',
  authorityId: 'auth',
  rule: 'default',
  obligations: [{ id: 'fine_paid', evidence: ['收据'] }],
  commitment: '守法',
  filedBy: 'acc_subject',
  filedOn: '2026-06-15',
  answerBy: '2026-06-30',
  state: 'submitted',
  forwardedOn: null,
  decideBy: null,
  decidedOn: null,
  decidedBy: null,
  reasons: null,
  outcomeRef: null,
  commitmentRef: null,
});

const account = (subjectId: string): Account => ({
  id: `acc_${sha256(subjectId).slice(0, 12)}`,
  name: 'own account',
  role: 'subject',
  authorityId: null,
  subjectId,
  keyHash: 'f'.repeat(64),
  createdAt: '2026-01-01T00:00:00.000Z',
  disabledAt: null,
});

/** Every row a person can have, under the old ids: a merged duplicate, a relation to a firm. */
async function populateOld(store: Store) {
  const authority = makeAuthority();
  const person = oldPerson('王五');
  const duplicate = oldPerson('王五');
  const firm = makeSubject({
    relations: [
      { kind: 'legal_representative', otherId: person.id, validFrom: null, validTo: null },
    ],
  });
  const version = makeRecordVersion({ subjectId: person.id, authorityId: authority.id });
  const other = makeRecordVersion({ subjectId: duplicate.id, authorityId: authority.id });
  const entry = makeListEntry({ subjectId: person.id, authorityId: authority.id });
  await store.transaction(async (tx) => {
    await tx.upsertAuthority(authority);
    await tx.insertSubjects([person, duplicate, firm]);
    await tx.insertRecordVersions([version, other]);
    await tx.appendTransition(
      makeTransition(entry, { data: { escalatedFrom: firm.id, via: person.id } }),
    );
    await tx.insertListEntry(entry);
    await tx.insertRatings([rating(person.id, person.id), rating(firm.id, duplicate.id)]);
    await tx.insertObjection(makeObjection({ subjectId: person.id, itemId: version.id }));
    await tx.insertRepair(repair(person.id, version.id));
    await tx.appendInquiry({
      subjectId: person.id,
      accountId: 'acc_bank',
      accountName: 'bank',
      authorityId: authority.id,
      purpose: 'loan_approval',
      at: '2026-06-01T00:00:00.000Z',
      consent: { document: 'DOC-1', date: '2026-05-30', scope: 'loan' },
      read: { recordIds: [version.id], restricted: [] },
    });
    await tx.insertAccount(account(person.id));
    await tx.appendAudit({
      at: '2026-06-01T00:00:00.000Z',
      actor: 'operator',
      action: 'subject.register',
      subjectIds: [person.id],
      payload: { id: person.id },
    });
  });
  await store.transaction((tx) =>
    tx.mergeSubject({
      id: 'mrg_test_rekey',
      subjectId: person.id,
      duplicateId: duplicate.id,
      reason: 'the same person, registered twice',
      at: '2026-06-15T10:00:00.000Z',
      by: 'operator',
      names: [],
    }),
  );
  return { person, duplicate, firm };
}

describe.each(BACKENDS)('keyed person ids on $name', (backend) => {
  let opened: Opened | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  it('rekeys every person of a store made before, in every row that names it, and nothing else', async () => {
    opened = await backend.open();
    const { store, sql } = opened;
    const { person, duplicate, firm } = await populateOld(store);
    // the store as the release before 015 left it: no key, the migration not applied
    await sql("DELETE FROM schema_migrations WHERE name = '015_person_keys.sql'");
    await sql('DROP TABLE store_secrets');
    const before = await opened.dump();

    await store.migrate();

    const key = await store.subjectIdKey();
    const moved = new Map(
      [person, duplicate].map((p) => [p.id, subjectIdFor(key, 'ric', p.identifiers[0]!.value)]),
    );
    // every row outside the audit log, with each old id replaced by the new one, and only that
    const expected = Object.fromEntries(
      Object.entries(before).map(([table, rows]) => [
        table,
        table === 'audit_log'
          ? rows
          : rows
              .map((row) => [...moved].reduce((r, [from, to]) => r.replaceAll(from, to), row))
              .sort(),
      ]),
    );
    const after = await opened.dump();
    expect(after).toEqual(expected);
    expect(Object.values(after).flat().length).toBe(Object.values(before).flat().length);
    expect(after.subject_relations!.join()).toContain(moved.get(person.id));
    expect(await store.getSubject(firm.id)).not.toBeNull();
    // the audit chain is whole: its entries were hashed as written, and are kept so
    expect(after.audit_log).toEqual(before.audit_log);
  });

  it('reads its key once when it migrates: writes after it do not read it again', async () => {
    opened = await backend.open();
    const { store, sql } = opened;
    const key = await store.subjectIdKey();
    // were the key read batch by batch, a write now would find none
    await sql('DELETE FROM store_secrets');
    const authority = makeAuthority({ domains: ['market'], regions: ['000000'] });
    await store.transaction((tx) => tx.upsertAuthority(authority));
    const number = uniqueRic();
    const prepared = prepareSubmission(
      await defaultCatalog(),
      penalty({ subject_identifier: number, subject_name: '赵六', authority: authority.id }),
      TODAY,
    );
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
    const [outcome] = await store.transaction((tx) =>
      writeSubmissions(tx, [{ line: 1, prepared: prepared.value }], {
        actor: 'test',
        at: '2026-06-15T10:00:00.000Z',
        authorities: new Map([[authority.id, authority]]),
        source: {},
      }),
    );
    expect(outcome).toMatchObject({
      status: 'created',
      subjectId: subjectIdFor(key, 'ric', number),
    });
    expect(await store.subjectIdKey()).toBe(key);
  });

  it('gives a person an id that is not the hash of its number, and an organization the same id everywhere', async () => {
    opened = await backend.open();
    const { store } = opened;
    const catalog = await defaultCatalog();
    const authority = makeAuthority({ domains: ['market'], regions: ['000000'] });
    await store.transaction((tx) => tx.upsertAuthority(authority));
    const number = uniqueRic();
    const rows = [number, makeSubject().identifiers[0]!.value].map((identifier, i) => {
      const prepared = prepareSubmission(
        catalog,
        penalty({
          subject_identifier: identifier,
          subject_name: i === 0 ? '赵六' : '北京某某有限公司',
          authority: authority.id,
          source_ref: `KEY-${i}`,
        }),
        TODAY,
      );
      if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
      return { line: i + 1, prepared: prepared.value };
    });
    const outcomes = await store.transaction((tx) =>
      writeSubmissions(tx, rows, {
        actor: 'test',
        at: '2026-06-15T10:00:00.000Z',
        authorities: new Map([[authority.id, authority]]),
        source: {},
      }),
    );
    const [personId, firmId] = outcomes.map((o) => (o.status === 'created' ? o.subjectId : ''));
    // the attack: the plain hash of a known number, looked for everywhere an id shows
    const guessed = `sub_${sha256(`ric:${number}`).slice(0, 24)}`;
    expect(personId).toMatch(/^sub_[0-9a-f]{24}$/);
    expect(personId).not.toBe(guessed);
    expect(await store.getSubject(guessed)).toBeNull();
    expect(JSON.stringify(await opened.dump())).not.toContain(guessed);
    expect(firmId).toBe(unkeyedSubjectId('uscc', rows[1]!.prepared.subject.value));
    // the key is the store's own: kept by a copy, so its ids stay deterministic there
    const key = await store.subjectIdKey();
    const copy = await opened.copy();
    expect(await copy.subjectIdKey()).toBe(key);
    expect(
      (await copy.findSubjects([{ scheme: 'ric', value: number }])).get(`ric:${number}`)?.id,
    ).toBe(personId);
  });
});
