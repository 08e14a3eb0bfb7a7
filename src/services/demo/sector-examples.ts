/**
 * Demo subjects on the lists of the food safety, IP and securities sectors (issue 23): a food
 * firm under a Food Safety Law art. 135 ban (and on the serious market violation list) with its
 * legal representative, a firm and a penalised agency on the IP dishonesty list, a listed firm
 * and its banned chairman on the securities serious-dishonesty list: one record of every
 * sector type. Names and codes are made up ("示例", organization codes 4900001x): no real
 * company carries these records.
 * Each subject waived its notice period in writing, so the entries are in force the day the
 * demo is loaded; loading it again adds nothing to a subject already listed.
 */
import { dateOf } from '../../domain/clock.js';
import { addDays, addDuration } from '../../domain/dates.js';
import { makeRic, makeUscc } from '../../domain/identifiers/index.js';
import { expireIfDue } from '../../domain/list-lifecycle.js';
import { isCredenceError } from '../../errors.js';
import { authorityMap, registerAuthority, type AuthorityInput } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';
import { decideEntry, noticeEntry, proposeEntry, waiveNotice } from '../lists/entries.service.js';
import { submitRecord } from '../records/records.service.js';
import type { SubmissionInput } from '../records/submission.js';
import { addRelation, findSubject, registerSubject } from '../subjects/subjects.service.js';
import { authorityInput, demoAuthorities } from './authorities.js';

const orNull = (error: unknown) => {
  if (isCredenceError(error) && error.code === 'SUBJECT_NOT_FOUND') return null;
  throw error;
};

export interface SectorExamples {
  /** authorities this run registered (the IP administration and the securities regulator) */
  authorities: number;
  /** identifiers of the subjects they add, persons included */
  subjects: string[];
  /** records submitted by this run (0 when the same day's run already made them) */
  records: number;
  /** each example subject's listings */
  listed: Array<{ identifier: string; list: string }>;
}

const SECTOR_AUTHORITIES: AuthorityInput[] = [
  {
    id: makeUscc('11100000', '49000001'),
    name: '国家知识产权局',
    nameEn: 'China National Intellectual Property Administration',
    domains: ['ip'],
    regions: ['000000'],
  },
  {
    id: makeUscc('11100000', '49000002'),
    name: '中国证券监督管理委员会',
    nameEn: 'China Securities Regulatory Commission',
    domains: ['securities'],
    regions: ['000000'],
  },
];
const [IP_OFFICE, SECURITIES_REGULATOR] = SECTOR_AUTHORITIES.map((a) => a.id) as [string, string];

const FOOD_FIRM = { id: makeUscc('91110105', '49000011'), name: '北京示例甜品食品有限公司' };
const FOOD_REPRESENTATIVE = { id: makeRic('110105', '1975-03-08', 51), name: '甄明远' };
const IP_FIRM = { id: makeUscc('91440300', '49000012'), name: '深圳示例创新科技有限公司' };
const IP_AGENCY = { id: makeUscc('91110108', '49000014'), name: '北京示例知识产权代理有限公司' };
const LISTED_FIRM = { id: makeUscc('91310115', '49000013'), name: '上海示例实业股份有限公司' };
const BANNED_DIRECTOR = { id: makeRic('310115', '1966-11-02', 73), name: '钱示远' };

/** One subject: its records, and the lists it goes on (in this order). */
interface Example {
  subject: { id: string; name: string };
  authority: string;
  records: SubmissionInput[];
  lists: string[];
}

function examples(today: string, market: string): Example[] {
  const decided = addDays(today, -30);
  const ref = `DEMO-SECTOR-${today.replaceAll('-', '')}`;
  return [
    {
      subject: FOOD_FIRM,
      authority: market,
      // a revoked licence: the art. 135 ban; a serious penalty: SAMR Order No. 44 as well
      lists: ['food_business_ban', 'serious_market_violations'],
      records: [
        {
          type: 'food_safety_penalty',
          source_ref: `${ref}-FOOD`,
          legal_basis: '中华人民共和国食品安全法 第一百二十四条',
          document_number: '国市监食罚〔示例〕1号',
          decision_date: decided,
          severity: 'serious',
          facts: '超范围、超限量使用食品添加剂生产糕点，货值金额八万元',
          violation_type: 'additive_misuse',
          food_chain_link: 'production',
          food_name: '糕点',
          licence_number: 'SC10111010549001',
          goods_value: '80000.00',
          penalty_classes: 'fine|confiscation|licence_revocation',
          fine_amount: '1600000.00',
          confiscation_amount: '80000.00',
          violated_provision: '食品安全法 第三十四条第四项',
          basis_provision: '食品安全法 第一百二十四条第一款第三项',
        },
      ],
    },
    {
      subject: IP_FIRM,
      authority: IP_OFFICE,
      lists: ['ip_dishonest_subjects'],
      records: [
        {
          type: 'trademark_malicious_application',
          source_ref: `${ref}-TM`,
          legal_basis: '中华人民共和国商标法 第四条',
          document_number: '商标审〔示例〕1号',
          decision_date: decided,
          facts: '不以使用为目的大量申请注册商标',
          marks: '示例星、示例云等',
          application_count: 86,
          outcome: 'refused|warning',
        },
        {
          type: 'patent_application_abnormal',
          source_ref: `${ref}-PAT`,
          legal_basis: '中华人民共和国专利法 第二十条',
          document_number: '国知审〔示例〕1号',
          decision_date: decided,
          facts: '提交多件内容明显相同的专利申请',
          abnormal_kind: 'duplicated_content',
          application_count: 24,
          notice_number: '示例通知1号',
          corrected: 'not_corrected',
        },
        {
          type: 'ip_decision_refused',
          source_ref: `${ref}-RUL`,
          legal_basis: '中华人民共和国专利法 第六十五条',
          document_number: '国知执〔示例〕1号',
          decision_date: decided,
          facts: '专利侵权纠纷行政裁决生效后仍未停止侵权',
          decision_kind: 'ruling',
          decision_number: '国知裁〔示例〕1号',
          obligation: '停止制造、销售侵权产品',
          performance: 'partial',
        },
      ],
    },
    {
      subject: IP_AGENCY,
      authority: IP_OFFICE,
      // an agency penalised by the IP administration is a dishonest subject too
      lists: ['ip_dishonest_subjects'],
      records: [
        {
          type: 'ip_agency_violation',
          source_ref: `${ref}-AGY`,
          legal_basis: '专利代理条例 第二十五条',
          document_number: '国知罚〔示例〕1号',
          decision_date: decided,
          severity: 'general',
          facts: '以不正当手段招揽专利代理业务',
          agency_kind: 'patent',
          violation_type: '不正当招揽业务',
          penalty_classes: 'warning|fine',
          fine_amount: '50000.00',
          basis_provision: '专利代理条例 第二十五条第一款',
        },
      ],
    },
    {
      subject: LISTED_FIRM,
      authority: SECURITIES_REGULATOR,
      lists: ['securities_serious_dishonesty'],
      records: [
        {
          type: 'securities_penalty',
          source_ref: `${ref}-SEC`,
          legal_basis: '中华人民共和国证券法 第一百九十七条',
          document_number: '〔示例〕1号',
          decision_date: decided,
          severity: 'serious',
          facts: '年度报告虚增营业收入',
          violation_type: 'false_disclosure',
          penalty_classes: 'warning|fine',
          fine_amount: '10000000.00',
          basis_provision: '证券法 第一百九十七条第二款',
        },
      ],
    },
    {
      subject: BANNED_DIRECTOR,
      authority: SECURITIES_REGULATOR,
      lists: ['securities_serious_dishonesty'],
      records: [
        {
          type: 'securities_market_ban',
          source_ref: `${ref}-BAN`,
          legal_basis: '中华人民共和国证券法 第二百二十一条',
          document_number: '〔示例〕2号',
          decision_date: decided,
          effective_date: decided,
          // a 5-year ban: its last day is the day before the fifth anniversary
          end_date: addDays(addDuration(decided, 'P5Y'), -1),
          facts: '作为董事长组织、指使财务造假',
          ban_kind: 'office_and_business',
          term: 'y5',
          role: '上海示例实业股份有限公司董事长',
          decision_number: '〔示例〕2号',
        },
      ],
    },
  ];
}

/** Every record type the sector examples hold. */
export const SECTOR_RECORD_TYPES: readonly string[] = [
  ...new Set(examples('2026-01-01', 'x').flatMap((e) => e.records.map((r) => String(r.type)))),
];

/** Loads the sector examples: authorities, records, the food firm's representative, and the listings. */
export async function loadSectorExamples(
  deps: ServiceDeps,
  actor: string,
): Promise<SectorExamples> {
  const today = dateOf(deps.clock.now());
  const market = demoAuthorities().find((a) => a.role === 'market' && a.level === 'national');
  if (!market) throw new Error('the demo has no national market regulator');
  // the market regulator is the demo's own (registered before, unless these run alone)
  const known = await authorityMap(deps);
  let authorities = 0;
  for (const a of [authorityInput(market), ...SECTOR_AUTHORITIES]) {
    if (known.has(a.id)) continue;
    await registerAuthority(deps, a, actor, 'the demo data set');
    authorities += 1;
  }

  let records = 0;
  const listed: Array<{ identifier: string; list: string }> = [];
  for (const example of examples(today, market.id)) {
    for (const record of example.records) {
      const row = {
        subject_identifier: example.subject.id,
        subject_name: example.subject.name,
        authority: example.authority,
        ...record,
      };
      if ((await submitRecord(deps, row, actor)).status === 'created') records += 1;
    }
    if (example.subject === FOOD_FIRM) await relateRepresentative(deps, actor);
    for (const list of example.lists) {
      await listOnce(deps, example.subject.id, list, example.authority, actor);
      listed.push({ identifier: example.subject.id, list });
    }
  }
  return {
    authorities,
    subjects: [...examples(today, market.id).map((e) => e.subject.id), FOOD_REPRESENTATIVE.id],
    records,
    listed,
  };
}

// the person and the relation once: neither registration is idempotent by itself
async function relateRepresentative(deps: ServiceDeps, actor: string) {
  const person = await findSubject(deps, FOOD_REPRESENTATIVE.id, 'ric').catch(orNull);
  const firm = await findSubject(deps, FOOD_FIRM.id, 'uscc');
  if (
    person &&
    firm.relations.some((r) => r.kind === 'legal_representative' && r.otherId === person.id)
  )
    return;
  if (!person)
    await registerSubject(
      deps,
      { subject_identifier: FOOD_REPRESENTATIVE.id, subject_name: FOOD_REPRESENTATIVE.name },
      actor,
    );
  await addRelation(
    deps,
    {
      subject: FOOD_FIRM.id,
      kind: 'legal_representative',
      other: FOOD_REPRESENTATIVE.id,
      // the demo's own registration stands in for the market regulator's
      basis: `DEMO-REG-${FOOD_FIRM.id}`,
    },
    actor,
  );
}

// propose, notice, the subject's written waiver, decision: in force today; nothing when
// the subject already has an entry on the list that is not over
async function listOnce(
  deps: ServiceDeps,
  identifier: string,
  listType: string,
  authorityId: string,
  actor: string,
) {
  const subject = await findSubject(deps, identifier);
  const today = dateOf(deps.clock.now());
  const open = (await deps.store.listEntriesOf([subject.id])).some(
    (e) =>
      e.listType === listType &&
      ['proposed', 'noticed', 'effective'].includes(expireIfDue(e, today).state),
  );
  if (open) return;
  const by = { actor, authorityId };
  const entry = await proposeEntry(deps, {
    identifier,
    listType,
    ...by,
    reason: '示例数据：符合列入条件',
  });
  await noticeEntry(deps, entry.id, { ...by, reason: '示例数据：告知拟列入的事实、理由和依据' });
  await waiveNotice(deps, entry.id, {
    actor: 'subject',
    reason: '示例数据：当事人书面放弃陈述申辩期',
  });
  await decideEntry(deps, entry.id, { ...by, reason: '示例数据：决定列入' });
}
