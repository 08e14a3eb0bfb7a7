import { afterEach, describe, expect, it } from 'vitest';
import { fileObjection } from '../../src/services/objections/objections.service.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  courtRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
  wageArrearsListing,
} from '../support/lists.js';
import { BEIJING_FIRM, NATIONAL_COURT } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Queued {
  subject: { name: string; identifiers: Array<{ value: string; masked: boolean }> };
  target: { type: string; date: string | null; documentNumber: string | null } | null;
}

describe.each(BACKENDS)(
  "officers' queues name whose case it is and its facts on $name",
  (backend) => {
    const store = storePerTest(backend);
    let world: ApiWorld;
    afterEach(async () => world?.app.close());

    const get = async <T>(url: string, key: string) => {
      const res = await world.app.inject({ method: 'GET', url, headers: auth(key) });
      expect(res.statusCode, res.body).toBe(200);
      return json<{ items: T[] }>(res).items;
    };

    it('an objection in the queue carries the subject’s name and the record’s type, date and document', async () => {
      world = await apiWorld(store());
      await registerListAuthorities(world.deps);
      const { submitted } = await listThroughDecision(
        on(world.deps, '2026-04-02'),
        courtRecord({
          subject_identifier: BEIJING_FIRM,
          subject_name: '北京测试科技有限公司',
          decision_date: '2026-04-01',
        }),
        'dishonest_judgment_debtors',
        NATIONAL_COURT,
      );
      const firm: Reader = {
        id: 'firm',
        name: 'firm',
        role: 'subject',
        authorityId: null,
        subjectId: submitted.subjectId,
      };
      await fileObjection(world.deps, firm, {
        item: 'record',
        itemId: submitted.recordId,
        grounds: '款项已付清',
      });
      const [queued] = await get<Queued>('/v1/objections', world.keys.decider);
      expect(queued).toMatchObject({
        subject: { name: '北京测试科技有限公司', identifiers: [{ value: BEIJING_FIRM }] },
        target: {
          type: 'court_enforcement',
          date: '2026-04-01',
          documentNumber: '（2026）京0105执1号',
        },
      });
    });

    it('tells a decider which entries it may act on, and why not the others', async () => {
      world = await apiWorld(store());
      await registerListAuthorities(world.deps);
      await wageArrearsListing(world.deps);
      type Entry = { listType: string; mayAct: { allowed: boolean; reason: string | null } };
      // the court's decider reads the labour bureau's entry: read-only, another domain's list
      const [labourEntry] = await get<Entry>('/v1/list-entries', world.keys.decider);
      expect(labourEntry).toMatchObject({
        listType: 'wage_arrears_dishonest',
        mayAct: { allowed: false, reason: 'other_domain' },
      });
    });
  },
);
