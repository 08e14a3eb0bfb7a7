import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import type { SubjectMerge } from '../../src/domain/subject-merge.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, penalty, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

const DUPLICATE = makeUscc('91110108', 'MA00DUP2');
const DUPLICATE_NAME = '北京蓝海星辰商贸有限公司';

interface Hit {
  name: string;
  matched: string;
  identifiers: Array<{ value: string }>;
  reasons: string[];
}
interface View {
  subject: { name: string; identifiers: Array<{ value: string }> };
  records: Array<{ documentNumber: string }>;
}

describe.each(BACKENDS)('subject change routes on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    world.app.inject({
      method,
      url,
      headers: auth(world.keys.operator),
      ...(payload ? { payload } : {}),
    });
  const search = async (q: string) =>
    json<{ items: Hit[] }>(await call('GET', `/v1/search?q=${encodeURIComponent(q)}`)).items;
  const view = async (identifier: string) =>
    json<View>(await world.app.inject({ method: 'GET', url: `/v1/subjects/${identifier}` }));

  async function withDuplicate() {
    world = await apiWorld(store());
    expect((await submit(world)).statusCode).toBe(201);
    const res = await submit(
      world,
      penalty({
        subject_identifier: DUPLICATE,
        subject_name: DUPLICATE_NAME,
        source_ref: 'P-2026-0002',
        document_number: '京市监罚〔2026〕102号',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
  }

  it('renames a subject, searchable at once by the new name and by the former one', async () => {
    await withDuplicate();
    const res = await call('POST', `/v1/subjects/${BEIJING_FIRM}/names`, {
      name: '北京星河云图科技有限公司',
    });
    expect(res.statusCode, res.body).toBe(200);

    expect((await search('星河云图科技'))[0]).toMatchObject({ name: '北京星河云图科技有限公司' });
    const [former] = await search('北京测试科技有限公司');
    expect(former).toMatchObject({ name: '北京星河云图科技有限公司' });
    expect(former!.reasons).toContain('former name 北京测试科技有限公司');
    expect((await view(BEIJING_FIRM)).subject.name).toBe('北京星河云图科技有限公司');

    const again = await call('POST', `/v1/subjects/${BEIJING_FIRM}/names`, {
      name: '北京星河云图科技有限公司',
    });
    expect(again.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(again).error.code).toBe('SUBJECT_NAME_UNCHANGED');
  });

  it('merges a duplicate into one file, lists the merge, and undoes it', async () => {
    await withDuplicate();
    const before = { kept: await view(BEIJING_FIRM), duplicate: await view(DUPLICATE) };
    // an hour passes before the merge and another before the undo: each file is rated again
    // then, and its newest rating is the one it shows
    const at = (hour: number) => (world.deps.clock = fixedClock(`2026-06-15T${hour}:00:00.000Z`));

    at(11);
    const res = await call('POST', `/v1/subjects/${BEIJING_FIRM}/merges`, {
      duplicate: DUPLICATE,
      reason: 'registered twice',
    });
    expect(res.statusCode, res.body).toBe(201);
    const merge = json<SubjectMerge>(res);

    const merged = await view(DUPLICATE);
    expect(merged.subject.identifiers.map((i) => i.value)).toEqual([BEIJING_FIRM, DUPLICATE]);
    expect(merged.records.map((r) => r.documentNumber).sort()).toEqual([
      '京市监罚〔2026〕101号',
      '京市监罚〔2026〕102号',
    ]);
    expect((await search(DUPLICATE_NAME))[0]).toMatchObject({ matched: DUPLICATE_NAME });
    const listed = json<{ items: SubjectMerge[] }>(
      await call('GET', `/v1/subjects/${DUPLICATE}/merges`),
    );
    expect(listed.items.map((m) => m.id)).toEqual([merge.id]);

    at(12);
    const undo = await call('POST', `/v1/subject-merges/${merge.id}/undo`, { reason: 'not one' });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(json<SubjectMerge>(undo).undone).toMatchObject({ reason: 'not one' });
    expect({ kept: await view(BEIJING_FIRM), duplicate: await view(DUPLICATE) }).toEqual(before);

    const twice = await call('POST', `/v1/subject-merges/${merge.id}/undo`, { reason: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(twice).error.code).toBe('SUBJECT_MERGE_UNDONE');
  });

  it('refuses a merge across kinds and into itself with coded errors', async () => {
    await withDuplicate();
    for (const [duplicate, code] of [
      [PERSON, 'SUBJECT_MERGE_KIND'],
      [BEIJING_FIRM, 'SUBJECT_MERGE_SELF'],
    ] as const) {
      const res = await call('POST', `/v1/subjects/${BEIJING_FIRM}/merges`, {
        duplicate,
        reason: 'x',
      });
      expect(res.statusCode).toBe(400);
      expect(json<{ error: { code: string; field: string } }>(res).error).toMatchObject({
        code,
        field: 'duplicate',
      });
    }
    const missing = await call('POST', `/v1/subject-merges/mrg_none/undo`, { reason: 'x' });
    expect(json<{ error: { code: string } }>(missing).error.code).toBe('SUBJECT_MERGE_NOT_FOUND');
  });
});
