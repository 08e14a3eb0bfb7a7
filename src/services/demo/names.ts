/** Names for demo subjects: persons from faker's zh_CN data, organizations from word lists. */
import { base, en, Faker, zh_CN } from '@faker-js/faker';
import type { Rng } from '../../domain/prng.js';

const POOL_SIZE = 4096;

/** A seeded pool of Chinese person names (faker zh_CN), half male, half female. */
export function personNamePool(seed: number): {
  male: readonly string[];
  female: readonly string[];
} {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  const draw = (sex: 'male' | 'female') =>
    Array.from(
      { length: POOL_SIZE / 2 },
      () => `${faker.person.lastName()}${faker.person.firstName(sex)}`,
    );
  return { male: draw('male'), female: draw('female') };
}

/** Parses `鑫 Xin, 华 Hua` into [Chinese, English] pairs. */
const pairs = (text: string): ReadonlyArray<readonly [string, string]> =>
  text
    .split(/\s*[,\n]\s*/)
    .filter(Boolean)
    .map((p) => {
      const at = p.indexOf(' ');
      return [p.slice(0, at), p.slice(at + 1)] as const;
    });

const words = (text: string): readonly string[] => text.split(' ');

// trade-name syllables with their pinyin: 鑫 + 达 = 鑫达, Xinda
const FIRST = pairs(`
  鑫 Xin, 华 Hua, 恒 Heng, 宏 Hong, 金 Jin, 瑞 Rui, 博 Bo, 中 Zhong, 天 Tian, 永 Yong, 德 De, 嘉 Jia,
  汇 Hui, 安 An, 远 Yuan, 海 Hai, 星 Xing, 云 Yun, 启 Qi, 锦 Jin, 晨 Chen, 明 Ming, 亿 Yi, 九 Jiu,
  和 He, 立 Li, 诚 Cheng, 盛 Sheng, 万 Wan, 青 Qing, 蓝 Lan, 北 Bei, 南 Nan, 泰 Tai, 聚 Ju, 卓 Zhuo,
  同 Tong, 智 Zhi, 百 Bai, 融 Rong, 佳 Jia, 鼎 Ding, 润 Run, 丰 Feng, 凯 Kai, 新 Xin`);
const SECOND = pairs(`
  达 da, 信 xin, 通 tong, 远 yuan, 桥 qiao, 丰 feng, 天 tian, 成 cheng, 盛 sheng, 润 run, 禾 he, 泰 tai,
  航 hang, 纳 na, 辰 chen, 帆 fan, 明 ming, 程 cheng, 光 guang, 联 lian, 洲 zhou, 美 mei, 象 xiang,
  源 yuan, 越 yue, 创 chuang, 图 tu, 隆 long, 兴 xing, 旺 wang, 邦 bang, 瑞 rui, 峰 feng, 科 ke,
  宇 yu, 诺 nuo`);

export const INDUSTRIES = pairs(`
  科技 Technology, 贸易 Trading, 建设工程 Construction Engineering, 餐饮管理 Catering Management,
  物流 Logistics, 电子 Electronics, 实业 Industrial, 食品 Food, 医药 Pharmaceutical,
  房地产开发 Real Estate Development, 机械制造 Machinery Manufacturing, 信息技术 Information Technology,
  文化传媒 Culture and Media, 环保科技 Environmental Technology, 商贸 Commerce and Trade, 服装 Garment,
  新能源 New Energy, 农业发展 Agricultural Development, 教育咨询 Education Consulting,
  汽车服务 Automotive Services, 网络科技 Network Technology, 供应链管理 Supply Chain Management,
  装饰工程 Decoration Engineering, 化工 Chemical, 生物科技 Biotechnology, 劳务 Labour Services`);

// limited companies are the common form, so they appear three times
export const FORMS: ReadonlyArray<readonly [string, string]> = [
  ['有限公司', 'Co., Ltd.'],
  ['有限公司', 'Co., Ltd.'],
  ['有限公司', 'Co., Ltd.'],
  ['有限责任公司', 'Co., Ltd.'],
  ['股份有限公司', 'Joint Stock Co., Ltd.'],
];

const SHOPS = words(
  '便利店 面馆 小吃店 五金店 理发店 水果店 服装店 家电维修部 烟酒商行 快餐店 副食店 建材经营部 汽车修理部 早餐店 农家乐',
);
const COOPS = words('果蔬种植 水稻种植 茶叶 生猪养殖 中药材种植 花卉苗木 蜂业 农机服务 食用菌');
const ORGANS = words(
  '教育局 交通运输局 住房和城乡建设局 卫生健康委员会 自然资源局 农业农村局 文化和旅游局 水利局 城市管理局',
);
const INSTITUTIONS = words(
  '第一人民医院 第二中学 实验小学 疾病预防控制中心 图书馆 妇幼保健院 中医院 职业技术学校',
);
const TRADES = words('餐饮 建筑业 物流 旅游 电子商务 家政服务 物业管理 个体劳动者');
const NON_ENTERPRISES = words('养老服务中心 培训学校 幼儿园 社会工作服务中心 康复中心');
const FOUNDATIONS = words('慈善基金会 教育基金会 扶贫基金会 助学基金会');

export interface OrgName {
  name: string;
  nameEn: string | null;
}

export function tradeName(rng: Rng): readonly [string, string] {
  const [a, ae] = rng.pick(FIRST);
  let [b, be] = rng.pick(SECOND);
  if (b === a) [b, be] = SECOND[0] as readonly [string, string];
  return [`${a}${b}`, `${ae}${be}`];
}

/** 深圳鑫达科技有限公司 / Shenzhen Xinda Technology Co., Ltd. (English only when the place has one). */
export function enterpriseName(rng: Rng, place: string, placeEn: string | null): OrgName {
  const [trade, tradeEn] = tradeName(rng);
  const [industry, industryEn] = rng.pick(INDUSTRIES);
  const [form, formEn] = rng.pick(FORMS);
  const english = placeEn !== null && rng.chance(0.6);
  return {
    name: `${place}${trade}${industry}${form}`,
    nameEn: english ? `${placeEn} ${tradeEn} ${industryEn} ${formEn}` : null,
  };
}

/** 朝阳区张记面馆 */
export function individualBusinessName(rng: Rng, countyName: string, surname: string): string {
  const owner = rng.chance(0.5) ? `${surname}记` : tradeName(rng)[0];
  return `${countyName}${owner}${rng.pick(SHOPS)}`;
}

/** 德安县青禾果蔬种植专业合作社 */
export function cooperativeName(rng: Rng, countyName: string): string {
  return `${countyName}${tradeName(rng)[0]}${rng.pick(COOPS)}专业合作社`;
}

/** Government organs (11), public institutions (12), social groups (51), non-enterprise units (52), foundations (53). */
export function publicBodyName(
  rng: Rng,
  entity: string,
  place: string,
  provinceFull: string,
): string {
  switch (entity) {
    case '11':
      return `${place}${rng.pick(ORGANS)}`;
    case '12':
      return `${place}${rng.pick(INSTITUTIONS)}`;
    case '51':
      return rng.chance(0.5)
        ? `${place}${rng.pick(TRADES)}行业协会`
        : `${place}${tradeName(rng)[0]}商会`;
    case '52':
      return `${place}${tradeName(rng)[0]}${rng.pick(NON_ENTERPRISES)}`;
    default:
      return `${provinceFull}${tradeName(rng)[0]}${rng.pick(FOUNDATIONS)}`;
  }
}
