import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { screen } from '../../src/services/search/screening.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { uniqueUscc } from '../support/factories.js';
import { courtRecord, listThroughDecision, on, registerListAuthorities } from '../support/lists.js';
import { NATIONAL_COURT, PERSON, registry } from '../support/registry.js';

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
    const [result] = await screen(sut, [{ name: '上海宏远贸易有限公司', identifiers: [FIRM] }]);
    expect(result!.candidates).toHaveLength(1);
    expect(result!.candidates[0]).toMatchObject({
      name: '北京鑫达科技有限公司',
      score: 1,
      hit: true,
      features: [{ feature: 'identifier', outcome: 'match', effect: 1 }],
    });
  });

  it('scores by name, lowered by a conflicting identifier and by another province', async () => {
    const [plain, conflicting, elsewhere] = await screen(sut, [
      { name: '北京鑫达科技有限公司' },
      { name: '北京鑫达科技有限公司', identifiers: [uniqueUscc('91110105')] },
      { name: '北京鑫达科技有限公司', region: '31' },
    ]);
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

  it('compares a person’s birth date and shows the list entries in force', async () => {
    const born = `${PERSON.slice(6, 10)}-${PERSON.slice(10, 12)}-${PERSON.slice(12, 14)}`;
    const [same, other] = await screen(sut, [
      { name: 'zhang san', kind: 'person', birthDate: born },
      { name: '张三', kind: 'person', birthDate: '1971-01-01' },
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
    await expect(screen(sut, [])).rejects.toMatchObject({ code: 'SCREEN_INVALID' });
    await expect(screen(sut, Array(101).fill({ name: 'x' }))).rejects.toMatchObject({
      code: 'SCREEN_INVALID',
      detail: { field: 'queries' },
    });
    await expect(screen(sut, [{ name: 'x' }, { region: '11' }])).rejects.toMatchObject({
      code: 'SCREEN_INVALID',
      detail: { field: 'queries.1.name' },
    });
  });
});
