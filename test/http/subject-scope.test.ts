import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { importFile } from '../../src/services/import/import.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { tempDir, writeJsonl } from '../support/import-files.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  penalty,
  PERSON,
  SHANGHAI_BANK,
  SHANGHAI_FIRM,
} from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

/** A firm and a person whose identifiers say they are from Fuzhou, Fujian. */
const FUJIAN_FIRM = makeUscc('91350102', 'MA2FJ001');
const FUJIAN_PERSON = makeRic('350102', '1990-01-01', 15);

interface ErrorReply {
  error: { code: string; field?: string };
}
const codeOf = (res: Parameters<typeof json>[0]) => json<ErrorReply>(res).error;

describe.each(BACKENDS)('subject writes in an officer’s scope on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const post = (url: string, payload: object, key: string) =>
    world.app.inject({ method: 'POST', url, headers: auth(key), payload });
  const furnisherOf = async (authority: string) =>
    (await createAccount(world.deps, { name: 'f', role: 'furnisher', authority }, 'test')).apiKey;
  const found = async (identifier: string) =>
    (await world.deps.store.findSubjects([{ scheme: 'uscc', value: identifier }])).size +
    (await world.deps.store.findSubjects([{ scheme: 'ric', value: identifier }])).size;

  describe('the region an identifier encodes', () => {
    it('refuses a record whose subject_region contradicts a new firm’s USCC, writing nothing', async () => {
      world = await apiWorld(store());
      const before = await world.deps.store.auditHead();
      const res = await submit(
        world,
        penalty({ subject_identifier: FUJIAN_FIRM, subject_region: '110000' }),
      );
      expect(res.statusCode).toBe(400);
      expect(codeOf(res)).toMatchObject({
        code: 'SUBJECT_REGION_IMPLIED',
        field: 'subject_region',
      });
      expect(await found(FUJIAN_FIRM)).toBe(0);
      expect(await world.deps.store.auditHead()).toEqual(before);
    });

    it('refuses a batch row whose subject_region contradicts a new person’s resident ID', async () => {
      world = await apiWorld(store());
      const res = await post(
        '/v1/records/batch',
        {
          records: [
            penalty({
              subject_identifier: FUJIAN_PERSON,
              subject_name: '林某',
              subject_region: '110105',
            }),
          ],
        },
        world.keys.furnisher,
      );
      expect(json<{ rows: unknown[] }>(res).rows).toEqual([
        expect.objectContaining({
          status: 'rejected',
          problems: [
            expect.objectContaining({ field: 'subject_region', code: 'SUBJECT_REGION_IMPLIED' }),
          ],
        }),
      ]);
      expect(await found(FUJIAN_PERSON)).toBe(0);
    });

    it('keeps the encoded region: a record about a Fujian firm is outside a Beijing authority’s regions', async () => {
      world = await apiWorld(store());
      const res = await submit(world, penalty({ subject_identifier: FUJIAN_FIRM }));
      expect(res.statusCode).toBe(403);
      expect(codeOf(res)).toMatchObject({ code: 'RECORD_REGION_FORBIDDEN' });
    });

    it('rejects an import row that claims another region than its identifier encodes', async () => {
      world = await apiWorld(store());
      const dir = tempDir();
      const path = writeJsonl(dir, 'rows.jsonl', [
        penalty({ subject_identifier: FUJIAN_FIRM, subject_region: '110000' }),
      ]);
      const rejected: Array<{ field: string; code: string }> = [];
      const summary = await importFile(world.deps, path, {
        actor: 'test',
        batchSize: 10,
        authority: BEIJING_MARKET,
        onRejected: (_line, problems) => rejected.push(...problems),
      });
      await rm(dir, { recursive: true, force: true });
      expect(summary).toMatchObject({ created: 0, rejected: 1 });
      expect(rejected).toEqual([
        expect.objectContaining({ field: 'subject_region', code: 'SUBJECT_REGION_IMPLIED' }),
      ]);
      expect(await found(FUJIAN_FIRM)).toBe(0);
    });

    it('refuses a kind that contradicts the kind a USCC’s positions 1-2 encode', async () => {
      world = await apiWorld(store());
      const res = await submit(
        world,
        penalty({
          subject_identifier: makeUscc('91110105', 'MA2KND01'),
          subject_kind: 'government',
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(codeOf(res)).toMatchObject({ code: 'SUBJECT_KIND_IMPLIED', field: 'subject_kind' });
    });

    it('registers a passport holder only in a known division', async () => {
      world = await apiWorld(store());
      const body = (region: string) => ({
        subject_identifier: 'E12345678',
        subject_name: 'Jane Roe',
        subject_region: region,
      });
      const unknown = await post('/v1/subjects', body('999999'), world.keys.operator);
      expect(unknown.statusCode).toBe(400);
      expect(codeOf(unknown)).toMatchObject({
        code: 'SUBJECT_REGION_UNKNOWN',
        field: 'subject_region',
      });
      const known = await post('/v1/subjects', body('110105'), world.keys.operator);
      expect(known.statusCode).toBe(201);
      expect(json(known)).toMatchObject({ kind: 'person', region: '110105' });
    });
  });

  describe('registering a subject', () => {
    it('registers only subjects in the authority’s regions; an operator registers any', async () => {
      world = await apiWorld(store());
      const fujian = { subject_identifier: FUJIAN_FIRM, subject_name: '福州某公司' };
      const outside = await post('/v1/subjects', fujian, world.keys.furnisher);
      expect(outside.statusCode).toBe(403);
      expect(codeOf(outside)).toMatchObject({
        code: 'SUBJECT_REGION_FORBIDDEN',
        field: 'subject_identifier',
      });
      const claimed = await post(
        '/v1/subjects',
        { ...fujian, subject_region: '110000' },
        world.keys.furnisher,
      );
      expect(codeOf(claimed)).toMatchObject({ code: 'SUBJECT_REGION_IMPLIED' });
      expect(await found(FUJIAN_FIRM)).toBe(0);
      const inside = await post(
        '/v1/subjects',
        { subject_identifier: makeUscc('91110105', 'MA2BJ001'), subject_name: '北京某公司' },
        world.keys.furnisher,
      );
      expect(inside.statusCode).toBe(201);
      expect((await post('/v1/subjects', fujian, world.keys.operator)).statusCode).toBe(201);
    });
  });

  describe('relations', () => {
    const relate = (identifier: string, body: object, key: string) =>
      post(`/v1/subjects/${identifier}/relations`, body, key);
    const basis = '京市监登字〔2026〕第0001号';

    it('takes a legal representative from the firm’s market registration authority, with its basis, audited', async () => {
      world = await apiWorld(store());
      const res = await relate(
        BEIJING_FIRM,
        { kind: 'legal_representative', other: PERSON, basis },
        world.keys.furnisher,
      );
      expect(res.statusCode).toBe(204);
      const [firm] = await world.deps.store.getSubjects([
        (await world.deps.store.findSubjects([{ scheme: 'uscc', value: BEIJING_FIRM }])).get(
          `uscc:${BEIJING_FIRM}`,
        )!.id,
      ]);
      expect(firm!.relations).toEqual([
        expect.objectContaining({ kind: 'legal_representative', basis }),
      ]);
      const audit = await world.deps.store.listAudit(0, 1000);
      expect(audit.find((e) => e.action === 'subject.relate')?.payload).toMatchObject({
        kind: 'legal_representative',
        basis,
        authorityId: BEIJING_MARKET,
      });
    });

    it('refuses a sanction-bearing relation without a basis document', async () => {
      world = await apiWorld(store());
      for (const key of [world.keys.furnisher, world.keys.operator]) {
        const res = await relate(BEIJING_FIRM, { kind: 'principal', other: PERSON }, key);
        expect(res.statusCode).toBe(400);
        expect(codeOf(res)).toMatchObject({ code: 'RELATION_BASIS_REQUIRED', field: 'basis' });
      }
    });

    it('refuses a sanction-bearing relation from another domain or another region', async () => {
      world = await apiWorld(store());
      await registerSubject(
        world.deps,
        { subject_identifier: SHANGHAI_FIRM, subject_name: '上海测试贸易有限公司' },
        'test',
      );
      const court = await furnisherOf(NATIONAL_COURT);
      const cases: Array<[string, string, string]> = [
        [BEIJING_FIRM, 'legal_representative', court],
        [BEIJING_FIRM, 'actual_controller', court],
        [SHANGHAI_FIRM, 'legal_representative', world.keys.furnisher],
        [SHANGHAI_FIRM, 'principal', world.keys.furnisher],
      ];
      for (const [firm, kind, key] of cases) {
        const res = await relate(firm, { kind, other: PERSON, basis }, key);
        expect(res.statusCode, `${kind} of ${firm}`).toBe(403);
        expect(codeOf(res)).toMatchObject({ code: 'RELATION_SCOPE', field: 'kind' });
      }
      const audit = await world.deps.store.listAudit(0, 1000);
      expect(audit.filter((e) => e.action === 'subject.relate')).toEqual([]);
    });

    it('takes a shareholder from any authority with jurisdiction over the firm', async () => {
      world = await apiWorld(store());
      const court = await furnisherOf(NATIONAL_COURT);
      const bank = await furnisherOf(SHANGHAI_BANK);
      const shareholder = { kind: 'shareholder', other: PERSON };
      expect((await relate(BEIJING_FIRM, shareholder, court)).statusCode).toBe(204);
      const outside = await relate(BEIJING_FIRM, shareholder, bank);
      expect(outside.statusCode).toBe(403);
      expect(codeOf(outside)).toMatchObject({ code: 'RELATION_SCOPE' });
    });

    it('refuses each relation kind a second time while the first is in force, writing nothing', async () => {
      world = await apiWorld(store());
      const kinds = ['legal_representative', 'principal', 'actual_controller', 'shareholder'];
      const relateEach = async (key: string) => {
        const replies = [];
        for (const kind of kinds)
          replies.push(await relate(BEIJING_FIRM, { kind, other: PERSON, basis }, key));
        return replies;
      };
      for (const res of await relateEach(world.keys.furnisher)) expect(res.statusCode).toBe(204);
      const before = await world.deps.store.auditHead();
      for (const again of await relateEach(world.keys.operator)) {
        expect(again.statusCode).toBe(409);
        expect(codeOf(again)).toMatchObject({ code: 'RELATION_DUPLICATE', field: 'other' });
      }
      const firm = await world.deps.store.getSubject(
        (await world.deps.store.findSubjects([{ scheme: 'uscc', value: BEIJING_FIRM }])).get(
          `uscc:${BEIJING_FIRM}`,
        )!.id,
      );
      expect(firm!.relations.map((r) => r.kind).sort()).toEqual([...kinds].sort());
      expect(await world.deps.store.auditHead()).toEqual(before);
    });

    it('records relations on organizations only', async () => {
      world = await apiWorld(store());
      const res = await relate(
        PERSON,
        { kind: 'legal_representative', other: BEIJING_FIRM, basis },
        world.keys.operator,
      );
      expect(res.statusCode).toBe(400);
      expect(codeOf(res)).toMatchObject({ code: 'RELATION_SUBJECT_KIND', field: 'identifier' });
    });

    it('answers a relation on a person’s number alike whether anyone carries it or not', async () => {
      world = await apiWorld(store());
      // a bank's furnisher in Shanghai has no say over either person
      const bank = await furnisherOf(SHANGHAI_BANK);
      const [onFile, absent] = await Promise.all(
        [PERSON, FUJIAN_PERSON].map((person) =>
          relate(person, { kind: 'shareholder', other: BEIJING_FIRM }, bank),
        ),
      );
      // the same answer but for the request's own id
      const errorOf = (res: Parameters<typeof json>[0]) => ({ ...codeOf(res), requestId: null });
      expect([absent!.statusCode, errorOf(absent!)]).toEqual([
        onFile!.statusCode,
        errorOf(onFile!),
      ]);
      expect(codeOf(onFile!)).toMatchObject({ code: 'RELATION_SUBJECT_KIND' });
    });
  });
});
