/** Where the demo data live: provinces with their abbreviations and English names, and major cities. */
import { COUNTY_CODES, divisionName } from '../../domain/identifiers/index.js';

export interface Province {
  /** 6-digit code, xx0000 */
  code: string;
  /** short Chinese name, e.g. 广东 */
  short: string;
  /** one-character abbreviation used in document numbers, e.g. 粤 */
  abbr: string;
  en: string;
  /** relative share of subjects */
  weight: number;
  municipality: boolean;
}

const p = (code: string, short: string, abbr: string, en: string, weight: number): Province => ({
  code,
  short,
  abbr,
  en,
  weight,
  municipality: ['11', '12', '31', '50'].includes(code.slice(0, 2)),
});

// mainland provinces only: Hong Kong, Macao and Taiwan have their own legal systems
export const PROVINCES: readonly Province[] = [
  p('110000', '北京', '京', 'Beijing', 8),
  p('120000', '天津', '津', 'Tianjin', 3),
  p('130000', '河北', '冀', 'Hebei', 5),
  p('140000', '山西', '晋', 'Shanxi', 2),
  p('150000', '内蒙古', '蒙', 'Inner Mongolia', 1),
  p('210000', '辽宁', '辽', 'Liaoning', 3),
  p('220000', '吉林', '吉', 'Jilin', 2),
  p('230000', '黑龙江', '黑', 'Heilongjiang', 2),
  p('310000', '上海', '沪', 'Shanghai', 8),
  p('320000', '江苏', '苏', 'Jiangsu', 9),
  p('330000', '浙江', '浙', 'Zhejiang', 8),
  p('340000', '安徽', '皖', 'Anhui', 4),
  p('350000', '福建', '闽', 'Fujian', 4),
  p('360000', '江西', '赣', 'Jiangxi', 3),
  p('370000', '山东', '鲁', 'Shandong', 8),
  p('410000', '河南', '豫', 'Henan', 6),
  p('420000', '湖北', '鄂', 'Hubei', 4),
  p('430000', '湖南', '湘', 'Hunan', 4),
  p('440000', '广东', '粤', 'Guangdong', 12),
  p('450000', '广西', '桂', 'Guangxi', 3),
  p('460000', '海南', '琼', 'Hainan', 1),
  p('500000', '重庆', '渝', 'Chongqing', 3),
  p('510000', '四川', '川', 'Sichuan', 5),
  p('520000', '贵州', '黔', 'Guizhou', 2),
  p('530000', '云南', '滇', 'Yunnan', 2),
  p('540000', '西藏', '藏', 'Tibet', 0.3),
  p('610000', '陕西', '陕', 'Shaanxi', 3),
  p('620000', '甘肃', '甘', 'Gansu', 1),
  p('630000', '青海', '青', 'Qinghai', 0.3),
  p('640000', '宁夏', '宁', 'Ningxia', 0.5),
  p('650000', '新疆', '新', 'Xinjiang', 1),
];

export const PROVINCE_WEIGHTS: readonly number[] = PROVINCES.map((x) => x.weight);

export interface City {
  /** prefecture code, xxxx00 (for a municipality, xx0000) */
  code: string;
  short: string;
  en: string;
}

/** Cities whose English name the demo knows, so their companies can carry an English name. */
export const CITIES: readonly City[] = [
  { code: '110000', short: '北京', en: 'Beijing' },
  { code: '120000', short: '天津', en: 'Tianjin' },
  { code: '310000', short: '上海', en: 'Shanghai' },
  { code: '500000', short: '重庆', en: 'Chongqing' },
  { code: '440100', short: '广州', en: 'Guangzhou' },
  { code: '440300', short: '深圳', en: 'Shenzhen' },
  { code: '330100', short: '杭州', en: 'Hangzhou' },
  { code: '330200', short: '宁波', en: 'Ningbo' },
  { code: '320100', short: '南京', en: 'Nanjing' },
  { code: '320500', short: '苏州', en: 'Suzhou' },
  { code: '510100', short: '成都', en: 'Chengdu' },
  { code: '420100', short: '武汉', en: 'Wuhan' },
  { code: '610100', short: '西安', en: "Xi'an" },
  { code: '370200', short: '青岛', en: 'Qingdao' },
  { code: '350200', short: '厦门', en: 'Xiamen' },
  { code: '430100', short: '长沙', en: 'Changsha' },
  { code: '410100', short: '郑州', en: 'Zhengzhou' },
  { code: '360400', short: '九江', en: 'Jiujiang' },
];

/** Significant prefix of a city or province code: 440300 -> 4403, 110000 -> 11. */
const prefixOf = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code.slice(0, 4));

const COUNTIES_BY_PROVINCE: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const c of COUNTY_CODES) {
    const key = c.slice(0, 2);
    const list = map.get(key) ?? [];
    list.push(c);
    map.set(key, list);
  }
  return map;
})();

/** The current county-level codes of a province. */
export function countiesOf(province: Province): readonly string[] {
  return COUNTIES_BY_PROVINCE.get(province.code.slice(0, 2)) ?? [];
}

const BY_PREFIX = new Map(PROVINCES.map((x) => [x.code.slice(0, 2), x]));

export function provinceOfCode(code: string): Province {
  const found = BY_PREFIX.get(code.slice(0, 2));
  if (!found) throw new RangeError(`no demo province for ${code}`);
  return found;
}

const CITY_OF = new Map<string, City>();
for (const c of CITIES) CITY_OF.set(prefixOf(c.code), c);

/** The known city a county lies in, if any. */
export function cityOf(county: string): City | undefined {
  return CITY_OF.get(county.slice(0, 4)) ?? CITY_OF.get(county.slice(0, 2));
}

const CITY_COUNTIES = new Map(
  CITIES.map((c) => [c, COUNTY_CODES.filter((x) => x.startsWith(prefixOf(c.code)))]),
);

/** The current county-level codes of a known city. */
export function countiesOfCity(city: City): readonly string[] {
  return CITY_COUNTIES.get(city) ?? [];
}

// autonomous prefectures keep their full name (恩施土家族苗族自治州)
const SUFFIX = /(?:市|地区|盟)$/;

/** The prefecture's name without its suffix (九江), or the municipality's (北京). */
export function prefectureShort(county: string): string {
  const province = provinceOfCode(county);
  if (province.municipality) return province.short;
  const name = divisionName(`${county.slice(0, 4)}00`);
  // county-level units directly under a province (e.g. 省直辖) have no prefecture name
  if (!name || name.includes('直辖')) return province.short;
  return name.replace(SUFFIX, '') || name;
}

/** A readable place: 九江市德安县, 北京市朝阳区. */
export function placeName(county: string): string {
  const province = provinceOfCode(county);
  const countyName = divisionName(county) ?? '';
  if (province.municipality) return `${province.short}市${countyName}`;
  const prefecture = divisionName(`${county.slice(0, 4)}00`);
  return prefecture && !prefecture.includes('直辖') ? `${prefecture}${countyName}` : countyName;
}
