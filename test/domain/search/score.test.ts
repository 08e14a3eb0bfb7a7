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
});
