/** Texts for the demo records: legal bases, licences, honours, promises and obligations. */
import type { SubjectKind } from '../../domain/subject.js';
import type { Rng } from '../../domain/prng.js';
import type { Entity } from './subjects.js';

/** The legal basis a furnisher cites for each record type. */
export const LEGAL_BASIS: Record<string, readonly string[]> = {
  admin_licence: ['《中华人民共和国行政许可法》第四十条'],
  admin_penalty: ['《中华人民共和国行政处罚法》第四十八条'],
  court_enforcement: [
    '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
    '《中华人民共和国民事诉讼法》第二百六十六条',
  ],
  tax_violation: [
    '《重大税收违法失信主体信息公布管理办法》第六条',
    '《中华人民共和国税收征收管理法》第六十三条',
  ],
  tax_rating: ['《纳税信用管理办法（试行）》第二十六条'],
  wage_arrears: [
    '《保障农民工工资支付条例》第四十八条',
    '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条',
  ],
  loan_default: ['《征信业管理条例》第十五条'],
  bill_overdue: ['《征信业管理条例》第十三条'],
  annual_report_missing: ['《企业信息公示暂行条例》第八条、第十七条'],
  commendation: [
    '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》',
  ],
  credit_commitment: [
    '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》',
  ],
};

export interface Licence {
  entities: readonly Entity[];
  role: 'market' | 'labour';
  licenceClass: 'ordinary' | 'special' | 'recognition' | 'approval' | 'registration' | 'other';
  name: string;
  content: (rng: Rng) => string;
  number: (rng: Rng, region: string, abbr: string, year: number) => string;
  /** years of validity; null: no end */
  years: number | null;
}

const ORGS: readonly Entity[] = ['11', '12', '51', '52', '53'];
const serial = (rng: Rng, digits: number) =>
  String(rng.int(1, 10 ** digits - 1)).padStart(digits, '0');

export const LICENCES: readonly Licence[] = [
  {
    entities: ['91', '92'],
    role: 'market',
    licenceClass: 'ordinary',
    name: '食品经营许可证',
    content: (rng) =>
      rng.pick([
        '预包装食品销售（含冷藏冷冻食品）',
        '热食类食品制售',
        '散装食品销售；保健食品销售',
        '糕点类食品制售',
      ]),
    number: (rng, region) => `JY${rng.int(1, 2)}${region}${serial(rng, 7)}`,
    years: 5,
  },
  {
    entities: ['91'],
    role: 'market',
    licenceClass: 'ordinary',
    name: '全国工业产品生产许可证',
    content: (rng) =>
      `${rng.pick(['电线电缆', '危险化学品包装物', '建筑防水卷材', '化肥', '人民币鉴别仪'])}生产`,
    number: (rng) => `XK${rng.int(10, 16)}-${serial(rng, 3)}-${serial(rng, 5)}`,
    years: 5,
  },
  {
    entities: ['91', '92', '93'],
    role: 'market',
    licenceClass: 'registration',
    name: '营业执照',
    content: (rng) => `变更登记：${rng.pick(['经营范围', '注册资本', '住所', '法定代表人'])}`,
    number: (rng, region) => `${region}${serial(rng, 9)}`,
    years: null,
  },
  {
    entities: ['91'],
    role: 'market',
    licenceClass: 'recognition',
    name: '特种设备生产许可证',
    content: (rng) =>
      rng.pick(['压力管道元件制造', '电梯安装改造修理', '起重机械制造', '锅炉安装改造修理']),
    number: (rng, region) => `TS${region.slice(0, 2)}${serial(rng, 5)}-${rng.int(2026, 2030)}`,
    years: 4,
  },
  {
    entities: ['91'],
    role: 'labour',
    licenceClass: 'ordinary',
    name: '劳务派遣经营许可证',
    content: () => '劳务派遣经营',
    number: (rng, _region, abbr, year) => `${abbr}劳派许字〔${year}〕第${rng.int(1, 999)}号`,
    years: 3,
  },
  {
    entities: ['person'],
    role: 'market',
    licenceClass: 'registration',
    name: '食品摊贩登记卡',
    content: (rng) => rng.pick(['小吃类食品现场制售', '预包装食品销售', '饮品现场制售']),
    number: (rng, region) => `TF${region}${serial(rng, 6)}`,
    years: 3,
  },
  {
    entities: ['person'],
    role: 'market',
    licenceClass: 'recognition',
    name: '特种设备安全管理和作业人员证',
    content: (rng) => rng.pick(['叉车司机', '电梯修理', '工业锅炉司炉', '起重机指挥']),
    number: (rng, _region, _abbr, year) => `TZ${year}${serial(rng, 8)}`,
    years: 4,
  },
  {
    entities: ORGS,
    role: 'market',
    licenceClass: 'ordinary',
    name: '食品经营许可证（单位食堂）',
    content: () => '热食类食品制售（单位食堂）',
    number: (rng, region) => `JY3${region}${serial(rng, 7)}`,
    years: 5,
  },
  {
    entities: ORGS,
    role: 'market',
    licenceClass: 'registration',
    name: '特种设备使用登记证',
    content: (rng) => `${rng.pick(['乘客电梯', '杂物电梯', '燃气锅炉'])}使用登记`,
    number: (rng, _region, abbr) => `梯${rng.int(10, 19)}${abbr.slice(0, 1)}${serial(rng, 5)}`,
    years: null,
  },
];

export const HONOURS: Record<
  'market' | 'tax' | 'labour',
  Partial<Record<SubjectKind, readonly string[]>>
> = {
  market: {
    business: ['守合同重信用企业', '诚信经营示范单位', '消费者满意单位', '质量管理先进企业'],
    person: ['诚信经营示范个人', '优秀食品安全管理员'],
    government: ['食品安全示范食堂'],
    social_org: ['行业自律先进单位'],
  },
  tax: {
    business: ['纳税信用示范企业', '依法诚信纳税企业'],
    person: ['依法诚信纳税人'],
    social_org: ['依法诚信纳税单位'],
  },
  labour: {
    business: ['劳动关系和谐企业', '农民工工资支付诚信单位'],
    person: ['技术能手', '优秀农民工'],
    government: ['人力资源社会保障工作先进集体'],
    social_org: ['就业服务先进单位'],
  },
};

export const PROMISES: Record<'repair' | 'licensing' | 'procurement' | 'other', string> = {
  repair:
    '已纠正失信行为并履行相关义务，承诺今后严格遵守法律法规，如违反承诺，自愿接受依法惩戒并承担相应责任。',
  licensing:
    '承诺所提交的申请材料真实、合法、有效，已具备许可条件，如有不实，愿意承担相应法律责任。',
  procurement:
    '承诺参加本次政府采购活动前三年内在经营活动中没有重大违法记录，具备履行合同所必需的设备和专业技术能力。',
  other: '承诺按期足额缴纳相关费用，主动接受社会监督。',
};

export const OBLIGATIONS: Record<'person' | 'org', readonly string[]> = {
  person: ['借款本金', '民间借贷本金', '房屋租金', '人身损害赔偿款', '买卖合同货款'],
  org: ['货款', '工程款', '租金', '借款本金', '劳动报酬', '违约金', '服务费'],
};

export const CIRCUMSTANCE_TEXT: Record<string, string> = {
  able_but_refuses: '有履行能力而拒不履行生效法律文书确定义务',
  obstructs_enforcement: '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
  evades_enforcement: '以隐匿、转移财产等方法规避执行',
  breaches_asset_report: '违反财产报告制度',
  breaches_consumption_restriction: '违反限制消费令',
  refuses_settlement: '无正当理由拒不履行执行和解协议',
};

export const PROJECTS = [
  '花园二期',
  '产业园厂房',
  '安置房',
  '商业综合体',
  '道路改造工程',
  '学校教学楼',
];
