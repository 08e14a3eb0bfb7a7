import { describe, expect, it } from 'vitest';
import type { Subject } from '../../src/domain/subject.js';
import { identifierKey } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makePerson, makeSubject, uniqueUscc } from '../support/factories.js';

describe.each(BACKENDS)('subjects on $name', (backend) => {
  const store = storePerTest(backend);

  it('round-trips a subject with identifiers, names and relations in order', async () => {
    const sut = store();
    const person = makePerson({ region: null });
    const other = makePerson();
    const company: Subject = makeSubject({
      identifiers: [
        { scheme: 'uscc', value: uniqueUscc(), validFrom: '2015-10-01', validTo: null },
        { scheme: 'legacy_reg', value: '110105012345678', validFrom: null, validTo: '2015-09-30' },
        { scheme: 'lei', value: '300300S39XTBSNH66F17', validFrom: null, validTo: null },
      ],
      names: [
        { name: '北京老字号有限公司', lang: 'zh', script: 'Hans', current: true },
        { name: 'Old Brand Beijing Co., Ltd.', lang: 'en', script: 'Latn', current: true },
        { name: '北京老字号厂', lang: 'zh', script: 'Hans', current: false },
      ],
      relations: [
        {
          kind: 'legal_representative',
          otherId: person.id,
          validFrom: '2020-01-01',
          validTo: null,
        },
        { kind: 'shareholder', otherId: other.id, validFrom: null, validTo: null },
      ],
    });

    // the company comes first: relations may point at subjects later in the batch
    await sut.transaction((tx) => tx.insertSubjects([company, person, other]));

    expect(await sut.getSubject(company.id)).toEqual(company);
    expect(await sut.getSubject(person.id)).toEqual(person);
  });

  it('answers null for an unknown subject', async () => {
    expect(await store().getSubject('sub_nobody')).toBeNull();
  });

  it('reads several subjects in one call, each as it reads alone, and leaves out unknown ids', async () => {
    const sut = store();
    const rep = makePerson();
    const company = makeSubject({
      relations: [
        { kind: 'legal_representative', otherId: rep.id, validFrom: null, validTo: null },
      ],
    });
    const other = makeSubject();
    await sut.transaction((tx) => tx.insertSubjects([company, rep, other]));

    const found = await sut.getSubjects([other.id, 'sub_nobody', company.id, rep.id, company.id]);

    expect([...found].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [company, rep, other].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await sut.getSubjects([])).toEqual([]);
  });

  it('finds a rare search key however many rows a common key looked up with it has', async () => {
    const sut = store();
    const common = Array.from({ length: 12 }, (_, i) =>
      makeSubject({
        names: [
          {
            name: `北京${'甲乙丙丁戊己庚辛壬癸子丑'[i]}星科技有限公司`,
            lang: 'zh',
            script: 'Hans',
            current: true,
          },
        ],
      }),
    );
    const rare = makeSubject({
      names: [{ name: '北京鑫达科技有限公司', lang: 'zh', script: 'Hans', current: true }],
    });
    await sut.transaction((tx) => tx.insertSubjects([...common, rare]));

    const rows = await sut.matchSearchKeys(['科技', '鑫达'], {}, 5);

    expect(rows.filter((r) => r.key === '科技')).toHaveLength(5);
    expect(rows.filter((r) => r.key === '鑫达').map((r) => r.subjectId)).toEqual([rare.id]);
  });

  it('looks up many values at once, each with its own limit, among the kinds of key asked for', async () => {
    const sut = store();
    const named = (name: string) =>
      makeSubject({ names: [{ name, lang: 'zh', script: 'Hans', current: true }] });
    const [whole, token, other] = [
      named('北京鑫达有限公司'),
      named('北京鑫达科技有限公司'),
      named('北京恒通科技有限公司'),
    ];
    await sut.transaction((tx) => tx.insertSubjects([whole, token, other]));
    const absent = Array.from({ length: 40 }, (_, i) => `absent${i}`);

    const rows = await sut.matchSearchKeys([...absent, '鑫达', '科技'], {}, 1);
    const wholes = await sut.matchSearchKeys([...absent, '鑫达'], {}, 10, ['han']);

    expect(rows.filter((r) => r.key === '科技')).toHaveLength(1);
    expect(rows.filter((r) => r.key === '鑫达')).toHaveLength(1);
    expect(wholes).toEqual([{ subjectId: whole.id, kind: 'han', key: '鑫达' }]);
  });

  it('appends relations after the ones a subject was created with', async () => {
    const sut = store();
    const [company, rep, controller] = [makeSubject(), makePerson(), makePerson()];
    const first = {
      kind: 'legal_representative',
      otherId: rep.id,
      validFrom: null,
      validTo: null,
    } as const;
    company.relations = [first];
    await sut.transaction((tx) => tx.insertSubjects([rep, controller, company]));

    const added = {
      kind: 'actual_controller',
      otherId: controller.id,
      validFrom: '2024-06-30',
      validTo: null,
    } as const;
    await sut.transaction((tx) => tx.addRelation(company.id, added));

    expect((await sut.getSubject(company.id))?.relations).toEqual([first, added]);
  });

  it('finds subjects (id, kind, region) for many identifiers at once and omits the unknown ones', async () => {
    const sut = store();
    const subjects = Array.from({ length: 300 }, (_, i) => (i % 2 ? makeSubject() : makePerson()));
    await sut.transaction((tx) => tx.insertSubjects(subjects));
    const keys = subjects.map((s) => s.identifiers[0]!);
    const unknown = { scheme: 'uscc', value: uniqueUscc() } as const;

    const found = await sut.findSubjects([...keys, unknown]);

    expect(found.size).toBe(300);
    for (const s of subjects) {
      expect(found.get(identifierKey(s.identifiers[0]!))).toEqual({
        id: s.id,
        kind: s.kind,
        region: s.region,
      });
    }
    expect(found.has(identifierKey(unknown))).toBe(false);
    expect((await sut.findSubjects([])).size).toBe(0);
  });

  it('finds the same subjects inside a transaction, including ones written in it', async () => {
    const sut = store();
    const subject = makeSubject();
    const found = await sut.transaction(async (tx) => {
      await tx.insertSubjects([subject]);
      return tx.findSubjects(subject.identifiers);
    });
    expect([...found.values()].map((r) => r.id)).toEqual([subject.id]);
  });

  it('rejects an identifier that another subject holds, and writes nothing of the transaction', async () => {
    const sut = store();
    const holder = makeSubject();
    await sut.transaction((tx) => tx.insertSubjects([holder]));
    const bystander = makeSubject();
    const claimant = makeSubject({ identifiers: holder.identifiers });

    const attempt = sut.transaction(async (tx) => {
      await tx.insertSubjects([bystander]);
      await tx.insertSubjects([claimant]);
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'SUBJECT_IDENTIFIER_TAKEN',
      detail: { scheme: 'uscc', value: holder.identifiers[0]!.value },
    });
    expect(await sut.getSubject(bystander.id)).toBeNull();
    expect(await sut.getSubject(claimant.id)).toBeNull();
    expect((await sut.counts()).subjects).toBe(1);
  });

  it('rejects the same identifier twice in one batch', async () => {
    const sut = store();
    const first = makeSubject();
    const second = makeSubject({ identifiers: first.identifiers });
    await expect(sut.transaction((tx) => tx.insertSubjects([first, second]))).rejects.toMatchObject(
      {
        code: 'SUBJECT_IDENTIFIER_TAKEN',
      },
    );
    expect((await sut.counts()).subjects).toBe(0);
  });
});
