import { describe, expect, it } from 'vitest';
import { analyseName } from '../../../src/domain/search/normalise.js';
import { scoreName } from '../../../src/domain/search/score.js';

const business = (name: string) => analyseName(name, 'business');

describe('scoreName', () => {
  const sut = (query: string, name: string) => scoreName(business(query), business(name));

  it('matches initials typed as initials, not the initials of other characters', () => {
    expect(sut('bjxdkj', '北京鑫达科技有限公司').reasons[0]).toMatch(/^initials bjxdkj/);
    // 星达 has the initials of 鑫达 (x, d) but is another name
    expect(sut('北京星达科技有限公司', '北京鑫达科技有限公司').score).toBeLessThan(0.85);
  });

  it('ranks the name of the query’s region above the one with its legal form', () => {
    const otherForm = sut('北京鑫达科技股份有限公司', '北京鑫达科技有限公司');
    const otherRegion = sut('北京鑫达科技股份有限公司', '上海鑫达科技股份有限公司');
    expect(otherForm.score).toBeGreaterThan(otherRegion.score);
    expect(otherRegion.reasons).toContain('region 北京 differs from 上海');
  });

  it('calls a match close by how it matched, not by its score alone (issue 18)', () => {
    const name = '北京测试科技有限公司';
    // a part of the name, all of it found: close, though it scores about 0.5
    expect(sut('测试', name)).toMatchObject({ close: true });
    expect(sut('测试', name).score).toBeLessThan(0.6);
    expect(sut('北京测试科技有限公司', name).close).toBe(true);
    expect(sut('深圳测验科技', name).close).toBe(true);
    // one generic word of the query shared: a loose hit, not a close one
    expect(sut('华强科技', name).close).toBe(false);
    expect(sut('量子', name)).toMatchObject({ score: 0, close: false });
  });
});

describe('scoreName on what people type (issue 19)', () => {
  const sut = (query: string, name: string) => scoreName(business(query), business(name));
  const person = (query: string, name: string) =>
    scoreName(analyseName(query, 'person'), analyseName(name, 'person'));

  it('counts two neighbouring characters transposed as one edit, as a character mistyped', () => {
    const transposed = sut('武汉华信通达讯有限公司', '武汉华信达通讯有限公司');
    const mistyped = sut('武汉华信达远讯有限公司', '武汉华信达通讯有限公司');
    // one edit each, and of the two the one with every character ranks first, by a hair
    expect(transposed.score - mistyped.score).toBeCloseTo(0.005, 6);
    expect(transposed.reasons.join()).toMatch(/every character/);
    expect(sut('武汉华信通达讯有限公司', '武汉华信达通讯有限公司').score).toBeLessThan(0.73);
    // a person's given name swapped is one edit of three characters
    expect(person('郑轩义', '郑义轩').score).toBeGreaterThan(0.5);
  });

  it('counts a look-alike character as less than a whole edit', () => {
    const lookAlike = sut('广州佳已贸易有限公司', '广州佳己贸易有限公司');
    const other = sut('广州佳已贸易有限公司', '广州佳丙贸易有限公司');
    expect(lookAlike.score).toBeGreaterThan(other.score);
    const pairs: Array<[string, string]> = [
      ['未来', '末来'],
      ['博士', '博土'],
      ['戊辰', '戌辰'],
      ['人和', '入和'],
    ];
    for (const [a, b] of pairs)
      expect(sut(`杭州${a}电子有限公司`, `杭州${b}电子有限公司`).score, a).toBeGreaterThan(
        sut(`杭州${a}电子有限公司`, `杭州${b.replace(/./, '甲')}电子有限公司`).score,
      );
  });

  it('weighs a region by what it names: 北京 is 北京市 and bei jing, 松江区 is not 宝山区', () => {
    expect(sut('北京鑫达科技有限公司', '北京市鑫达科技有限公司').reasons.join()).not.toMatch(
      /region/,
    );
    expect(
      sut('Gui Zhou Ding Chen Nong Ye Fa Zhan', '贵州鼎辰农业发展有限公司').score,
    ).toBeGreaterThan(sut('Gui Zhou Ding Chen Nong Ye Fa Zhan', '河南鼎辰农业发展有限公司').score);
    expect(sut('上海市松江区第一人民医院', '上海市松江区第一人民医院').score).toBeGreaterThan(
      sut('上海市松江区第一人民医院', '上海市宝山区第一人民医院').score,
    );
  });
});
