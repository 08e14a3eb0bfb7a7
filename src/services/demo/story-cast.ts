/**
 * The demo's story subjects: a few fictional firms and persons whose files show every state the
 * registry knows (a court listing in force, one expired, one removed on performance, a repaired
 * one, objections, repairs at each step, bank inquiries, a redlist entry, a merge). Their
 * identifiers are fixed, so the README can name them; every name carries 示例 ("example").
 */
import { makeRic, makeUscc } from '../../domain/identifiers/index.js';
import type { SubjectKind } from '../../domain/subject.js';
import { demoAuthorities, type DemoAuthority } from './authorities.js';

export interface StorySubject {
  identifier: string;
  scheme: 'uscc' | 'ric';
  kind: SubjectKind;
  region: string;
  name: string;
  nameEn?: string;
  /** what the subject shows in the demo, for the console and the README */
  shows: string;
}

/** The story's last day: its events are dated back from it, so their dates never move. */
export const STORY_ANCHOR = '2026-12-01';

// Shenzhen, Nanshan district: the demo has a court, a regulator, a tax and a labour office there
const REGION = '440305';
const firm = (org: string, name: string, nameEn: string, shows: string): StorySubject => ({
  identifier: makeUscc(`91${REGION}`, org),
  scheme: 'uscc',
  kind: 'business',
  region: REGION,
  name,
  nameEn,
  shows,
});
const person = (birth: string, seq: number, name: string, shows: string): StorySubject => ({
  identifier: makeRic(REGION, birth, seq),
  scheme: 'ric',
  kind: 'person',
  region: REGION,
  name,
  shows,
});

/** The cast, by role in the story. */
export const STORY = {
  debtor: firm(
    'MA5DEM01',
    '深圳市示例恒远贸易有限公司',
    'Shenzhen Shili Hengyuan Trading Co., Ltd.',
    'on the dishonest judgment debtors list (in force, until performance), an open objection to it, a bank inquiry',
  ),
  debtorRep: person(
    '1978-03-14',
    31,
    '陈示远',
    'legal representative of the listed debtor; its consumption restrictions reach him',
  ),
  expired: person(
    '1985-09-02',
    42,
    '林示华',
    'a court listing of 2 years that expired (paid since); loan defaults, bank inquiries, an objection rejected',
  ),
  performed: firm(
    'MA5DEM02',
    '深圳市示例嘉禾建材有限公司',
    'Shenzhen Shili Jiahe Building Materials Co., Ltd.',
    'a court listing removed when the judgment was performed',
  ),
  repaired: firm(
    'MA5DEM03',
    '深圳市示例丰泽餐饮管理有限公司',
    'Shenzhen Shili Fengze Catering Management Co., Ltd.',
    'a serious-violation listing removed by credit repair',
  ),
  repairs: firm(
    'MA5DEM04',
    '深圳市示例瑞泰物流有限公司',
    'Shenzhen Shili Ruitai Logistics Co., Ltd.',
    'penalties under repair at each step: submitted, forwarded, approved, refused',
  ),
  objector: firm(
    'MA5DEM05',
    '深圳市示例安和电子有限公司',
    'Shenzhen Shili Anhe Electronics Co., Ltd.',
    'an objection upheld (the fine corrected as a new version); on the A-grade taxpayer redlist',
  ),
  kept: firm(
    'MA5DEM06',
    '深圳市示例启明电子科技有限公司',
    'Shenzhen Shili Qiming Electronic Technology Co., Ltd.',
    'a duplicate registration merged into it',
  ),
  duplicate: firm(
    'MA5DEM07',
    '深圳示例启明电子科技公司',
    'Shenzhen Shili Qiming Electronic Technology',
    'merged into the kept registration',
  ),
} as const;

export type StoryRole = keyof typeof STORY;

/** Every story subject, in a fixed order. */
export const STORY_SUBJECTS: readonly StorySubject[] = Object.values(STORY);

const byName = (name: string): DemoAuthority => {
  const found = demoAuthorities().find((a) => a.name === name);
  if (!found) throw new Error(`no demo authority named ${name}`);
  return found;
};

/** The authorities the story's decisions come from. */
export const STORY_AUTHORITIES = {
  court: byName('深圳市南山区人民法院'),
  market: byName('深圳市市场监督管理局'),
  tax: byName('国家税务总局深圳市税务局'),
  labour: byName('深圳市人力资源和社会保障局'),
  bank: byName('招商银行股份有限公司'),
  secondBank: byName('中国工商银行股份有限公司'),
};
