/** The fixed set of demo authorities: courts, regulators, tax and labour offices, banks and providers. */
import { divisionName, makeUscc } from '../../domain/identifiers/index.js';
import type { AuthorityInput } from '../authorities.service.js';
import { PROVINCES, type Province } from './regions.js';

/** What an authority does in the demo; decides which record types it furnishes. */
export type AuthorityRole = 'court' | 'market' | 'tax' | 'labour' | 'bank' | 'utility' | 'telecom';

export type BillService = 'electricity' | 'water' | 'gas' | 'heating' | 'telecom';

export interface DemoAuthority extends AuthorityInput {
  role: AuthorityRole;
  /** national, provincial, municipal or county: sets how often it is picked and a commendation's level */
  level: 'national' | 'provincial' | 'municipal' | 'county';
  /** prefix of its document numbers: 粤市监, 深税; for a court its court code: 粤03, 京0105 */
  abbr: string;
  /** utilities and telecom operators: what they bill for */
  service?: BillService;
}

const NATIONAL = '000000';
// central organs carry this division in USCC pos 3-8
const CENTRAL = '100000';

// courts and agencies are government organs (11); banks and providers are enterprises (91)
function uscc(entity: '11' | '91', region: string, k: number): string {
  return makeUscc(`${entity}${region}`, String(40000000 + k * 7919).padStart(8, '0'));
}

/** Parses a `|`-separated table, one row a line, into records with the given keys. */
function table<const K extends readonly string[]>(
  keys: K,
  text: string,
): Array<Record<K[number], string>> {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      if (cells.length !== keys.length)
        throw new Error(`demo table row has ${cells.length} cells: ${line}`);
      return Object.fromEntries(keys.map((k, i) => [k, cells[i]])) as Record<K[number], string>;
    });
}

// a few city and district authorities below the provincial ones:
// abbr: the prefix of document numbers, for a court its court code
const LOCALS = table(
  ['role', 'region', 'abbr', 'name', 'nameEn'] as const,
  `
  court  | 110105 | 京0105   | 北京市朝阳区人民法院           | Beijing Chaoyang District People's Court
  court  | 310115 | 沪0115   | 上海市浦东新区人民法院         | Shanghai Pudong New Area People's Court
  court  | 310105 | 沪0105   | 上海市长宁区人民法院           | Shanghai Changning District People's Court
  court  | 440300 | 粤03     | 广东省深圳市中级人民法院       | Shenzhen Intermediate People's Court
  court  | 440305 | 粤0305   | 深圳市南山区人民法院           | Shenzhen Nanshan District People's Court
  court  | 330106 | 浙0106   | 杭州市西湖区人民法院           | Hangzhou Xihu District People's Court
  court  | 510100 | 川01     | 四川省成都市中级人民法院       | Chengdu Intermediate People's Court
  court  | 360400 | 赣04     | 江西省九江市中级人民法院       | Jiujiang Intermediate People's Court
  court  | 360426 | 赣0426   | 德安县人民法院                 | De'an County People's Court
  market | 440300 | 深市监   | 深圳市市场监督管理局           | Shenzhen Administration for Market Regulation
  market | 330100 | 杭市监   | 杭州市市场监督管理局           | Hangzhou Administration for Market Regulation
  market | 310115 | 沪浦市监 | 上海市浦东新区市场监督管理局   | Shanghai Pudong New Area Administration for Market Regulation
  market | 110105 | 京朝市监 | 北京市朝阳区市场监督管理局     | Beijing Chaoyang District Administration for Market Regulation
  market | 510100 | 成市监   | 成都市市场监督管理局           | Chengdu Administration for Market Regulation
  tax    | 440300 | 深税     | 国家税务总局深圳市税务局       | Shenzhen Tax Service, State Taxation Administration
  tax    | 330100 | 杭税     | 国家税务总局杭州市税务局       | Hangzhou Tax Service, State Taxation Administration
  labour | 440300 | 深人社   | 深圳市人力资源和社会保障局     | Shenzhen Human Resources and Social Security Bureau
  labour | 110105 | 京朝人社 | 北京市朝阳区人力资源和社会保障局 | Beijing Chaoyang District Human Resources and Social Security Bureau
`,
);

const SOUTHERN_GRID = ['440000', '450000', '460000', '520000', '530000'];
const STATE_GRID = PROVINCES.map((x) => x.code).filter((c) => !SOUTHERN_GRID.includes(c));
const REGIONS: Record<string, readonly string[]> = {
  national: [NATIONAL],
  'state grid': STATE_GRID,
  'southern grid': SOUTHERN_GRID,
};

// lenders and providers; seat: the division in the USCC; regions: where they lend or supply
const COMPANIES = table(
  ['role', 'seat', 'regions', 'abbr', 'service', 'name', 'nameEn'] as const,
  `
  bank    | 100000 | national      | ICBC | -           | 中国工商银行股份有限公司         | Industrial and Commercial Bank of China Limited
  bank    | 100000 | national      | CCB  | -           | 中国建设银行股份有限公司         | China Construction Bank Corporation
  bank    | 100000 | national      | ABC  | -           | 中国农业银行股份有限公司         | Agricultural Bank of China Limited
  bank    | 440300 | national      | CMB  | -           | 招商银行股份有限公司             | China Merchants Bank Co., Ltd.
  bank    | 440300 | national      | WB   | -           | 深圳前海微众银行股份有限公司     | WeBank Co., Ltd.
  bank    | 110000 | 110000 120000 130000 | BOB | -    | 北京银行股份有限公司             | Bank of Beijing Co., Ltd.
  telecom | 100000 | national      | CMCC | telecom     | 中国移动通信集团有限公司         | China Mobile Communications Group Co., Ltd.
  telecom | 100000 | national      | CTC  | telecom     | 中国电信集团有限公司             | China Telecommunications Corporation
  telecom | 100000 | national      | CU   | telecom     | 中国联合网络通信集团有限公司     | China United Network Communications Group Co., Ltd.
  utility | 100000 | state grid    | SGCC | electricity | 国家电网有限公司                 | State Grid Corporation of China
  utility | 440100 | southern grid | CSG  | electricity | 中国南方电网有限责任公司         | China Southern Power Grid Co., Ltd.
  utility | 110000 | 110000        | BWW  | water       | 北京市自来水集团有限责任公司     | Beijing Waterworks Group Co., Ltd.
  utility | 110000 | 110000        | BDH  | heating     | 北京市热力集团有限责任公司       | Beijing District Heating Group Co., Ltd.
  utility | 310000 | 310000        | SCW  | water       | 上海城投水务（集团）有限公司     | Shanghai Chengtou Water Group Co., Ltd.
  utility | 440300 | 440300        | SZG  | gas         | 深圳市燃气集团股份有限公司       | Shenzhen Gas Corporation Ltd.
`,
);

const DOMAIN: Record<AuthorityRole, string> = {
  court: 'judicial',
  market: 'market',
  tax: 'tax',
  labour: 'labour',
  bank: 'finance',
  utility: 'utilities',
  telecom: 'telecom',
};

function provincial(x: Province, next: () => number): DemoAuthority[] {
  const full = divisionName(x.code) ?? `${x.short}省`;
  const seat = (
    role: AuthorityRole,
    name: string,
    nameEn: string,
    abbr: string,
  ): DemoAuthority => ({
    id: uscc('11', x.code, next()),
    name,
    nameEn,
    domains: [DOMAIN[role]],
    regions: [x.code],
    role,
    level: 'provincial',
    abbr,
  });
  const labourOffice = x.municipality ? '局' : '厅';
  return [
    seat('court', `${full}高级人民法院`, `${x.en} High People's Court`, x.abbr),
    seat(
      'market',
      `${full}市场监督管理局`,
      `${x.en} Administration for Market Regulation`,
      `${x.abbr}市监`,
    ),
    seat(
      'tax',
      `国家税务总局${full}税务局`,
      `${x.en} Tax Service, State Taxation Administration`,
      `${x.abbr}税`,
    ),
    seat(
      'labour',
      `${full}人力资源和社会保障${labourOffice}`,
      `${x.en} ${x.municipality ? 'Bureau' : 'Department'} of Human Resources and Social Security`,
      `${x.abbr}人社`,
    ),
  ];
}

/** Every demo authority, always the same: the demo data set depends on the seed, its authorities do not. */
export function demoAuthorities(): DemoAuthority[] {
  let k = 0;
  const next = () => ++k;
  const all: DemoAuthority[] = [
    {
      id: uscc('11', CENTRAL, next()),
      name: '国家市场监督管理总局',
      nameEn: 'State Administration for Market Regulation',
      domains: ['market'],
      regions: [NATIONAL],
      role: 'market',
      level: 'national',
      abbr: '国市监',
    },
  ];
  for (const x of PROVINCES) all.push(...provincial(x, next));
  for (const l of LOCALS) {
    all.push({
      id: uscc('11', l.region, next()),
      name: l.name,
      nameEn: l.nameEn,
      domains: [DOMAIN[l.role as AuthorityRole]],
      regions: [l.region],
      role: l.role as AuthorityRole,
      level: l.region.endsWith('00') ? 'municipal' : 'county',
      abbr: l.abbr,
    });
  }
  for (const c of COMPANIES) {
    const regions = REGIONS[c.regions] ?? c.regions.split(' ');
    all.push({
      id: uscc('91', c.seat, next()),
      name: c.name,
      nameEn: c.nameEn,
      domains: [DOMAIN[c.role as AuthorityRole]],
      regions: [...regions],
      role: c.role as AuthorityRole,
      level: regions.includes(NATIONAL) ? 'national' : 'provincial',
      abbr: c.abbr,
      ...(c.service !== '-' ? { service: c.service as BillService } : {}),
    });
  }
  return all;
}

/** The plain AuthorityInput of a demo authority, for registerAuthority. */
export function authorityInput(a: DemoAuthority): AuthorityInput {
  return {
    id: a.id,
    name: a.name,
    nameEn: a.nameEn ?? null,
    domains: a.domains,
    regions: a.regions,
  };
}
