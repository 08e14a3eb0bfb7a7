import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRic } from '../../src/domain/identifiers/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';
import { screen } from '../../src/services/search/screening.service.js';
import { searchSubjects } from '../../src/services/search/search.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { uniqueUscc } from '../support/factories.js';
import { registry, SHANGHAI_BANK } from '../support/registry.js';

/** Search on what people type (issue 19): each example the issue names, among near namesakes. */

// [name, first eight characters of its USCC: the kind of body and its division]
const BODIES: Array<[string, string]> = [
  ['上海市宝山区第一人民医院', '12310113'],
  ['上海市浦东新区第一人民医院', '12310115'],
  ['上海市闵行区第一人民医院', '12310112'],
  ['上海市松江区第一人民医院', '12310117'],
  ['北京市朝阳区第一人民医院', '12110105'],
  ['苏州北图服装有限公司', '91320500'],
  ['苏州北辰服装有限公司', '91320500'],
  ['北京北图服装有限公司', '91110105'],
  ['北京市延庆区鑫源科技有限公司', '91110119'],
  ['北京市朝阳区鑫源科技有限公司', '91110105'],
  ['十堰青曲鑫源科技有限公司', '91420300'],
  ['贵州鼎辰农业发展有限公司', '91520100'],
  ['河南鼎辰农业发展有限公司', '91410100'],
  ['广州佳己贸易有限公司', '91440101'],
  ['广州佳丙贸易有限公司', '91440101'],
  ['杭州未来电子有限公司', '91330100'],
  ['杭州东来电子有限公司', '91330100'],
  ['深圳博士电器有限公司', '91440300'],
  ['深圳博干电器有限公司', '91440300'],
  ['南京戊辰建材有限公司', '91320100'],
  ['南京戊申建材有限公司', '91320100'],
  ['成都人和物流有限公司', '91510100'],
  // not 八和: 八 looks like 入 as well (the stroke data says so), and would be as near
  ['成都大和物流有限公司', '91510100'],
  ['武汉华信达通讯有限公司', '91420100'],
  ['武汉华达信通讯有限公司', '91420100'],
];

const BANK: Reader = {
  id: 'acc_bank',
  name: 'loan desk',
  role: 'inquirer',
  authorityId: SHANGHAI_BANK,
  subjectId: null,
};
const FOR_PROCUREMENT = { reader: BANK, purpose: 'procurement_check' };

// 郑义轩 twelve times over, in Shanghai and Beijing, born in several years; and other 郑s
const ZHENG: Array<[string, string, string]> = [
  ...Array.from({ length: 12 }, (_, i): [string, string, string] => [
    '郑义轩',
    i % 2 === 0 ? '110105' : '310104',
    `${1970 + i}-03-0${(i % 9) + 1}`,
  ]),
  ...'一二三四五六七八九十'.split('').flatMap((c): Array<[string, string, string]> => [
    [`郑${c}轩`, '110105', '1980-01-01'],
    [`郑义${c}`, '110105', '1981-01-01'],
    // one character from the query 郑轩义, where the swapped name is two
    [`郑轩${c}`, '110105', '1982-01-01'],
    [`郑${c}义`, '110105', '1983-01-01'],
  ]),
];

describe.each(BACKENDS)('search on what people type on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    for (const [name, prefix] of BODIES)
      await registerSubject(
        sut,
        { subject_identifier: uniqueUscc(prefix), subject_name: name },
        'test',
      );
    for (const [i, [name, region, born]] of ZHENG.entries())
      await registerSubject(
        sut,
        { subject_identifier: makeRic(region, born, i + 1), subject_name: name },
        'test',
      );
  });
  afterAll(async () => cleanup());

  const top = async (q: string, limit = 1) =>
    (await searchSubjects(sut, { q, limit })).map((h) => h.matched);

  it('ranks the holder of an exact full name first, a district it names against a sibling district', async () => {
    for (const [name] of BODIES) expect(await top(name), name).toEqual([name]);
    const [first, second] = await searchSubjects(sut, { q: '上海市松江区第一人民医院' });
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('folds tone numbers and tone marks in pinyin', async () => {
    for (const q of [
      'su1zhou1bei3tu2fu2zhuang1you3xian4gong1si1',
      'sū zhōu běi tú fú zhuāng',
      'Sūzhōu Běitú Fúzhuāng Yǒuxiàn Gōngsī',
    ])
      expect(await top(q), q).toEqual(['苏州北图服装有限公司']);
  });

  it('takes a legal form in pinyin as weak, joined or spaced', async () => {
    for (const q of ['suzhoubeitufuzhuangyouxiangongsi', 'suzhou beitu fuzhuang youxian gongsi'])
      expect(await top(q), q).toEqual(['苏州北图服装有限公司']);
    // with no region typed, the Suzhou and the Beijing firm of that name are both right, in either order
    expect((await top('beitufuzhuangyouxiangongsi', 2)).sort()).toEqual(
      ['北京北图服装有限公司', '苏州北图服装有限公司'].sort(),
    );
  });

  it('reads spaced pinyin regions with their level, and weighs them as the characters', async () => {
    expect(await top('bei jing shi yan qing qu xin yuan ke ji you xian gong si')).toEqual([
      '北京市延庆区鑫源科技有限公司',
    ]);
    expect(await top('Gui Zhou Ding Chen Nong Ye Fa Zhan')).toEqual(['贵州鼎辰农业发展有限公司']);
    expect(await top('he nan ding chen nong ye fa zhan you xian gong si')).toEqual([
      '河南鼎辰农业发展有限公司',
    ]);
  });

  it('counts a look-alike character as a near miss', async () => {
    const lookAlikes: Array<[string, string]> = [
      ['广州佳已贸易有限公司', '广州佳己贸易有限公司'],
      ['杭州末来电子有限公司', '杭州未来电子有限公司'],
      ['深圳博土电器有限公司', '深圳博士电器有限公司'],
      ['南京戌辰建材有限公司', '南京戊辰建材有限公司'],
      ['成都入和物流有限公司', '成都人和物流有限公司'],
    ];
    for (const [q, name] of lookAlikes) expect(await top(q), q).toEqual([name]);
  });

  it('finds a person’s name with its given name’s two characters swapped', async () => {
    const found = await searchSubjects(sut, { q: '郑轩义', kind: 'person', limit: 10 });
    expect(found.map((h) => h.matched)).toContain('郑义轩');
  });

  it('ranks namesakes by the region and birth date a screening query gives, and says how many share the name', async () => {
    // the eleventh 郑义轩 (index 11): Shanghai, born 1981-03-03
    const [answer] = await screen(
      sut,
      [{ name: '郑义轩', kind: 'person', region: '3101', birthDate: '1981-03-03' }],
      FOR_PROCUREMENT,
    );
    const first = answer!.candidates[0]!;
    expect(first).toMatchObject({ name: '郑义轩', region: '310104', hit: true });
    expect(first.features).toContainEqual(
      expect.objectContaining({ feature: 'date', outcome: 'match' }),
    );
    expect(first).toHaveProperty('namesakes', 12);
    // a birth year where the date is not known
    const [byYear] = await screen(
      sut,
      [{ name: '郑义轩', region: '3101', birthYear: 1981 }],
      FOR_PROCUREMENT,
    );
    expect(byYear!.candidates[0]!.identifiers[0]!.value).toMatch(/^310104\*+/);
    expect(byYear!.candidates[0]!.features).toContainEqual(
      expect.objectContaining({ feature: 'date', outcome: 'match', detail: 'birth year matches' }),
    );
  });
});
