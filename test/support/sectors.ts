import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import { BEIJING_MARKET } from './registry.js';

/**
 * The test world of the food safety, IP and securities sectors (issue 23): a national IP
 * administration and securities regulator, and fictional subjects (made-up codes and
 * names, no real company's).
 */
export const NATIONAL_IP = makeUscc('11100000', 'MB00JP01');
export const NATIONAL_SECURITIES = makeUscc('11100000', 'MB00UC01');

export const FOOD_FIRM = makeUscc('91110105', 'MA00FD01');
export const IP_FIRM = makeUscc('91110108', 'MA00JP02');
export const SECURITIES_FIRM = makeUscc('91310115', 'MA00UC03');
/** a person: the food firm's legal representative */
export const FOOD_REPRESENTATIVE = makeRic('110105', '1972-04-12', 35);
/** a person banned from the securities market */
export const BANNED_DIRECTOR = makeRic('310115', '1968-09-21', 27);

export async function registerSectorAuthorities(deps: ServiceDeps) {
  await registerAuthority(
    deps,
    { id: NATIONAL_IP, name: '国家知识产权局', domains: ['ip'], regions: ['000000'] },
    'operator',
  );
  await registerAuthority(
    deps,
    {
      id: NATIONAL_SECURITIES,
      name: '中国证券监督管理委员会',
      domains: ['securities'],
      regions: ['000000'],
    },
    'operator',
  );
}

/** A serious food safety penalty that revoked the food firm's production licence. */
export function foodPenalty(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: FOOD_FIRM,
    subject_name: '北京虚构示例食品有限公司',
    type: 'food_safety_penalty',
    authority: BEIJING_MARKET,
    source_ref: 'FS-2026-0001',
    legal_basis: '中华人民共和国食品安全法 第一百二十四条',
    document_number: '京市监食罚〔2026〕1号',
    decision_date: '2026-06-01',
    severity: 'serious',
    facts: '超范围使用食品添加剂生产糕点',
    violation_type: 'additive_misuse',
    food_chain_link: 'production',
    food_name: '糕点',
    licence_number: 'SC10111010500001',
    goods_value: '80000.00',
    penalty_classes: 'fine|confiscation|licence_revocation',
    fine_amount: '1600000.00',
    basis_provision: '食品安全法 第一百二十四条第一款',
    ...overrides,
  };
}

/** An IP record about the IP firm, by the national IP administration. */
export function ipRecord(type: string, overrides: SubmissionInput): SubmissionInput {
  return {
    subject_identifier: IP_FIRM,
    subject_name: '北京虚构示例科技有限公司',
    type,
    authority: NATIONAL_IP,
    legal_basis: '国家知识产权局知识产权信用管理规定',
    decision_date: '2026-06-01',
    ...overrides,
  };
}

/** A refused IP administrative ruling (unperformed by default). */
export const refusedRuling = (overrides: SubmissionInput = {}) =>
  ipRecord('ip_decision_refused', {
    source_ref: 'IP-R-1',
    document_number: '国知执〔2026〕1号',
    decision_kind: 'ruling',
    decision_number: '国知裁〔2026〕1号',
    obligation: '停止侵犯专利权的行为',
    performance: 'none',
    ...overrides,
  });

/** A serious securities penalty against the securities firm, by the securities regulator. */
export function securitiesPenalty(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: SECURITIES_FIRM,
    subject_name: '上海虚构示例实业股份有限公司',
    type: 'securities_penalty',
    authority: NATIONAL_SECURITIES,
    source_ref: 'SP-2026-0001',
    legal_basis: '中华人民共和国证券法 第一百九十七条',
    document_number: '〔2026〕1号',
    decision_date: '2026-06-01',
    severity: 'serious',
    facts: '年度报告虚增营业收入',
    violation_type: 'false_disclosure',
    penalty_classes: 'warning|fine',
    fine_amount: '10000000.00',
    basis_provision: '证券法 第一百九十七条第二款',
    ...overrides,
  };
}

/** A 5-year securities market entry ban on the banned director. */
export function marketBan(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: BANNED_DIRECTOR,
    subject_name: '虚构甲',
    type: 'securities_market_ban',
    authority: NATIONAL_SECURITIES,
    source_ref: 'SB-2026-0001',
    legal_basis: '证券市场禁入规定',
    document_number: '〔2026〕2号',
    decision_date: '2026-06-01',
    effective_date: '2026-06-01',
    end_date: '2031-05-31',
    facts: '作为董事长组织实施财务造假',
    ban_kind: 'office_and_business',
    term: 'y5',
    decision_number: '〔2026〕2号',
    ...overrides,
  };
}
