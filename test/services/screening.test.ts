import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { screen } from '../../src/services/search/screening.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { uniqueUscc } from '../support/factories.js';
import { courtRecord, listThroughDecision, on, registerListAuthorities } from '../support/lists.js';
import { NATIONAL_COURT, PERSON, registry, SHANGHAI_BANK } from '../support/registry.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';

/** a bank's officer, and a subject's own account */
const BANK: Reader = {
  id: 'acc_bank',
  name: 'loan desk',
  role: 'inquirer',
  authorityId: SHANGHAI_BANK,
  subjectId: null,
};
const SELF: Reader = {
  id: 'acc_self',
  name: 'self',
  role: 'subject',
  authorityId: null,
  subjectId: null,
};
const PLAIN = { reader: BANK };
// a purpose that rests on no one person's consent, so a batch may screen several
const FOR_PROCUREMENT = { reader: BANK, purpose: 'procurement_check' };
const CONSENT = { document: 'LA-2026-0001', date: '2026-05-30', scope: 'loan application' };

const FIRM = uniqueUscc('91110105');
const OTHER = uniqueUscc('91310104');

describe.each(BACKENDS)('screening on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    await registerListAuthorities(sut);
    await registerSubject(
      sut,
      { subject_identifier: FIRM, subject_name: '北京鑫达科技有限公司' },
      't',
    );
    await registerSubject(
      sut,
      { subject_identifier: OTHER, subject_name: '上海宏远贸易有限公司' },
      't',
    );
    // 张三 (PERSON, born 1990-03-07) on the court list since April
    await listThroughDecision(
      on(sut, '2026-04-02'),
      courtRecord({ decision_date: '2026-04-01' }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
  });
  afterAll(async () => cleanup());

  it('lets an identifier decide, whatever the name says', async () => {
    const [result] = await screen(
      sut,
      [{ name: '上海宏远贸易有限公司', identifiers: [FIRM] }],
      PLAIN,
    );
    expect(result!.candidates).toHaveLength(1);
    expect(result!.candidates[0]).toMatchObject({
      name: '北京鑫达科技有限公司',
      score: 1,
      hit: true,
      features: [{ feature: 'identifier', outcome: 'match', effect: 1 }],
    });
  });

  it('scores by name, lowered by a conflicting identifier and by another province', async () => {
    const [plain, conflicting, elsewhere] = await screen(
      sut,
      [
        { name: '北京鑫达科技有限公司' },
        { name: '北京鑫达科技有限公司', identifiers: [uniqueUscc('91110105')] },
        { name: '北京鑫达科技有限公司', region: '31' },
      ],
      PLAIN,
    );
    const top = (r: typeof plain) => r!.candidates[0]!;
    expect(top(plain)).toMatchObject({ name: '北京鑫达科技有限公司', score: 1, hit: true });
    expect(top(conflicting)).toMatchObject({ score: 0.7, hit: false });
    expect(top(conflicting).features).toContainEqual(
      expect.objectContaining({ feature: 'identifier', outcome: 'conflict', effect: -0.3 }),
    );
    expect(top(elsewhere)).toMatchObject({ score: 0.9, hit: true });
    expect(top(elsewhere).features).toContainEqual(
      expect.objectContaining({ feature: 'region', outcome: 'conflict', effect: -0.1 }),
    );
  });

  it('compares a person’s birth date for a purpose, shows the list entries in force, and logs the inquiry', async () => {
    const born = `${PERSON.slice(6, 10)}-${PERSON.slice(10, 12)}-${PERSON.slice(12, 14)}`;
    const subject = (await sut.store.findSubjects([{ scheme: 'ric', value: PERSON }])).get(
      `ric:${PERSON}`,
    )!;
    const before = await sut.store.listInquiries(subject.id, 0, 100);
    const [same, other] = await screen(
      sut,
      [
        { name: 'zhang san', kind: 'person', birthDate: born },
        { name: '张三', kind: 'person', birthDate: '1971-01-01' },
      ],
      FOR_PROCUREMENT,
    );
    // one entry in the person's log for the batch: who, when, for what purpose
    const logged = (await sut.store.listInquiries(subject.id, 0, 100)).slice(before.length);
    expect(logged).toEqual([
      expect.objectContaining({
        accountId: BANK.id,
        accountName: BANK.name,
        authorityId: SHANGHAI_BANK,
        purpose: 'procurement_check',
        at: sut.clock.now().toISOString(),
      }),
    ]);
    const person = same!.candidates[0]!;
    expect(person).toMatchObject({ name: '张三', kind: 'person', hit: true });
    expect(person.features).toContainEqual(
      expect.objectContaining({ feature: 'date', outcome: 'match', effect: 0.05 }),
    );
    expect(person.identifiers[0]).toMatchObject({ masked: true });
    expect(person.listEntries).toEqual([
      expect.objectContaining({ listType: 'dishonest_judgment_debtors', colour: 'black' }),
    ]);
    expect(other!.candidates[0]).toMatchObject({ name: '张三', hit: false });
    expect(other!.candidates[0]!.features).toContainEqual(
      expect.objectContaining({ feature: 'date', outcome: 'conflict', effect: -0.3 }),
    );
  });

  it('refuses an empty or oversized batch and a query with neither name nor identifier', async () => {
    await expect(screen(sut, [], PLAIN)).rejects.toMatchObject({ code: 'SCREEN_INVALID' });
    await expect(screen(sut, Array(101).fill({ name: 'x' }), PLAIN)).rejects.toMatchObject({
      code: 'SCREEN_INVALID',
      detail: { field: 'queries' },
    });
    await expect(screen(sut, [{ name: 'x' }, { region: '11' }], PLAIN)).rejects.toMatchObject({
      code: 'SCREEN_INVALID',
      detail: { field: 'queries.1.name' },
    });
  });

  it('screens persons only for a purpose the reader’s role may state', async () => {
    for (const query of [
      { name: '张三', kind: 'person' as const },
      { name: '张三', birthDate: '1990-03-07' },
      { name: '张三', identifiers: [PERSON] },
    ])
      await expect(screen(sut, [query], PLAIN)).rejects.toMatchObject({
        code: 'SCREEN_PURPOSE_REQUIRED',
        detail: { field: 'purpose' },
      });
    const person = [{ name: '张三', kind: 'person' as const }];
    await expect(screen(sut, person, { reader: BANK, purpose: 'gossip' })).rejects.toMatchObject({
      code: 'PURPOSE_UNKNOWN',
      detail: { field: 'purpose' },
    });
    // a bank cannot claim supervision; a subject's own purpose screens no one
    for (const [reader, purpose] of [
      [BANK, 'supervision'],
      [SELF, 'subject_own'],
      [SELF, 'loan_approval'],
    ] as const)
      await expect(screen(sut, person, { reader, purpose })).rejects.toMatchObject({
        code: 'PURPOSE_FORBIDDEN',
      });
  });

  it('screens for a consent-based purpose only with the person’s consent, one query at a time, and records it', async () => {
    const query = { name: '张三', kind: 'person' as const };
    const loan = { reader: BANK, purpose: 'loan_approval' };
    await expect(screen(sut, [query], loan)).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
      detail: { field: 'consentDocument' },
    });
    await expect(screen(sut, [query, query], { ...loan, consent: CONSENT })).rejects.toMatchObject({
      code: 'CONSENT_INVALID',
      detail: { field: 'queries' },
    });
    const subject = (await sut.store.findSubjects([{ scheme: 'ric', value: PERSON }])).get(
      `ric:${PERSON}`,
    )!;
    const before = await sut.store.listInquiries(subject.id, 0, 100);
    await screen(sut, [query], { ...loan, consent: CONSENT });
    const logged = (await sut.store.listInquiries(subject.id, 0, 100)).slice(before.length);
    expect(logged).toEqual([
      expect.objectContaining({ purpose: 'loan_approval', consent: CONSENT }),
    ]);
  });

  it('answers no person without a purpose, and so compares nothing on file', async () => {
    const subject = (await sut.store.findSubjects([{ scheme: 'ric', value: PERSON }])).get(
      `ric:${PERSON}`,
    )!;
    const before = await sut.store.listInquiries(subject.id, 0, 100);
    const [byName] = await screen(sut, [{ name: '张三' }], PLAIN);
    expect(byName!.candidates.filter((c) => c.kind === 'person')).toEqual([]);
    expect(await sut.store.listInquiries(subject.id, 0, 100)).toEqual(before);
  });
});
