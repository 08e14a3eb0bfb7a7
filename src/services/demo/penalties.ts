/** Administrative penalty templates: violation, provisions and facts, by the kind of authority. */
import type { SubjectKind } from '../../domain/subject.js';
import type { Rng } from '../../domain/prng.js';

export type Severity = 'minor' | 'general' | 'serious';

export interface Violation {
  role: 'market' | 'tax' | 'labour';
  kinds: readonly SubjectKind[];
  violation: string;
  violated: string;
  basis: string;
  severities: readonly Severity[];
  /** range of the amount the facts name (goods' value, tax evaded), yuan; default by tier */
  amount?: readonly [number, number];
  /** the fine as a multiple of that amount, when the law sets it so */
  fineTimes?: readonly [number, number];
  facts: (rng: Rng, amount: string) => string;
}

const ORGS: readonly SubjectKind[] = ['business', 'government', 'social_org'];
const ANY: readonly SubjectKind[] = ['person', 'business', 'government', 'social_org'];
const TRADERS: readonly SubjectKind[] = ['person', 'business'];

const FOODS = [
  '散装白酒',
  '鲜切面',
  '熟卤制品',
  '桶装饮用水',
  '糕点',
  '食用植物油',
  '腌制蔬菜',
  '冷冻饮品',
];
const ITEMS = ['菌落总数', '大肠菌群', '甜蜜素', '苯甲酸', '铅', '酸价', '过氧化值'];
const PRODUCTS = ['电线电缆', '儿童玩具', '电动自行车充电器', '插座', '建筑用钢筋', '化肥', '服装'];

export const VIOLATIONS: readonly Violation[] = [
  {
    role: 'market',
    kinds: TRADERS,
    violation: '经营不符合食品安全标准的食品',
    violated: '《中华人民共和国食品安全法》第三十四条第（二）项',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款第（一）项',
    severities: ['general', 'serious'],
    facts: (rng, amount) =>
      `当事人经营的${rng.pick(FOODS)}经抽样检验，${rng.pick(ITEMS)}项目不符合食品安全国家标准，货值金额${amount}元。`,
  },
  {
    role: 'market',
    kinds: TRADERS,
    violation: '未取得食品经营许可从事食品经营活动',
    violated: '《中华人民共和国食品安全法》第三十五条第一款',
    basis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    severities: ['general'],
    facts: (rng) =>
      `当事人未取得食品经营许可，自${rng.int(2018, 2023)}年起在经营场所从事${rng.pick(FOODS)}销售活动。`,
  },
  {
    role: 'market',
    kinds: ['business'],
    violation: '发布虚假广告',
    violated: '《中华人民共和国广告法》第二十八条第二款',
    basis: '《中华人民共和国广告法》第五十五条第一款',
    severities: ['general', 'serious'],
    facts: (_rng, amount) =>
      `当事人在网店页面发布的广告中使用虚构的产品功效及用户评价，广告费用${amount}元。`,
  },
  {
    role: 'market',
    kinds: TRADERS,
    violation: '销售不合格产品',
    violated: '《中华人民共和国产品质量法》第三十九条',
    basis: '《中华人民共和国产品质量法》第五十条',
    severities: ['minor', 'general', 'serious'],
    facts: (rng, amount) =>
      `当事人销售的${rng.pick(PRODUCTS)}经监督抽查判定为不合格产品，货值金额${amount}元。`,
  },
  {
    role: 'market',
    kinds: ['business'],
    violation: '侵犯注册商标专用权',
    violated: '《中华人民共和国商标法》第五十七条第（三）项',
    basis: '《中华人民共和国商标法》第六十条第二款',
    severities: ['general', 'serious'],
    facts: (rng, amount) =>
      `当事人销售侵犯注册商标专用权的${rng.pick(PRODUCTS)}，违法经营额${amount}元。`,
  },
  {
    role: 'market',
    kinds: TRADERS,
    violation: '未按规定明码标价',
    violated: '《中华人民共和国价格法》第十三条第一款',
    basis: '《明码标价和禁止价格欺诈规定》第二十一条',
    severities: ['minor'],
    facts: () => '当事人经营场所陈列的商品未标明价格，经责令改正后仍未全部改正。',
  },
  {
    role: 'market',
    kinds: ['person'],
    violation: '无照经营',
    violated: '《无证无照经营查处办法》第二条',
    basis: '《无证无照经营查处办法》第十三条',
    severities: ['minor'],
    facts: (rng) =>
      `当事人未依法取得营业执照，在${rng.pick(['农贸市场', '商业街', '小区门口'])}从事经营活动。`,
  },
  {
    role: 'market',
    kinds: ORGS,
    violation: '未按规定使用登记的特种设备',
    violated: '《中华人民共和国特种设备安全法》第三十三条',
    basis: '《中华人民共和国特种设备安全法》第八十三条第（一）项',
    severities: ['minor', 'general'],
    facts: (rng) =>
      `当事人使用的${rng.pick(['电梯', '锅炉', '叉车', '压力容器'])}未办理使用登记即投入使用。`,
  },
  {
    role: 'tax',
    kinds: ANY,
    violation: '未按照规定期限办理纳税申报和报送纳税资料',
    violated: '《中华人民共和国税收征收管理法》第二十五条',
    basis: '《中华人民共和国税收征收管理法》第六十二条',
    severities: ['minor'],
    facts: (rng) =>
      `当事人未按规定期限办理${rng.int(2019, 2024)}年${rng.int(1, 12)}月增值税纳税申报。`,
  },
  {
    role: 'tax',
    kinds: ['business', 'social_org'],
    violation: '未按规定开具发票',
    violated: '《中华人民共和国发票管理办法》第十八条',
    basis: '《中华人民共和国发票管理办法》第三十五条第（一）项',
    severities: ['minor', 'general'],
    facts: (rng) => `当事人在经营活动中收取款项未按规定开具发票共${rng.int(3, 60)}份。`,
  },
  {
    role: 'tax',
    kinds: TRADERS,
    violation: '偷税',
    violated: '《中华人民共和国税收征收管理法》第六十三条第一款',
    basis: '《中华人民共和国税收征收管理法》第六十三条第一款',
    severities: ['general', 'serious'],
    // below the 1,000,000 yuan of a major tax violation (tax_violation)
    amount: [10_000, 900_000],
    fineTimes: [0.5, 5],
    facts: (_rng, amount) => `当事人通过隐匿收入、进行虚假纳税申报的手段少缴税款${amount}元。`,
  },
  {
    role: 'labour',
    kinds: ORGS,
    violation: '未依法订立书面劳动合同',
    violated: '《中华人民共和国劳动合同法》第十条',
    basis: '《劳动保障监察条例》第二十五条',
    severities: ['minor', 'general'],
    facts: (rng) =>
      `经查，当事人与${rng.int(3, 80)}名劳动者建立劳动关系超过一个月未订立书面劳动合同。`,
  },
  {
    role: 'labour',
    kinds: ['business'],
    violation: '违法延长劳动者工作时间',
    violated: '《中华人民共和国劳动法》第四十一条',
    basis: '《劳动保障监察条例》第二十五条',
    severities: ['minor', 'general'],
    facts: (rng) => `当事人安排${rng.int(5, 120)}名劳动者每月加班超过三十六小时。`,
  },
  {
    role: 'labour',
    kinds: ['business'],
    violation: '使用童工',
    violated: '《禁止使用童工规定》第二条',
    basis: '《禁止使用童工规定》第六条',
    severities: ['serious'],
    facts: (rng) => `当事人招用${rng.int(1, 3)}名未满十六周岁的未成年人从事生产劳动。`,
  },
];
