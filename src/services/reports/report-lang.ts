import type { LocalizedText } from '../../domain/catalog.js';

/** The languages a printable report is written in: the reader's, declared by `<html lang>`. */
export const REPORT_LANGS = ['zh', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** The reader's language from an Accept-Language header: English when it comes before Chinese. */
export function langOfHeader(header: string | undefined): ReportLang {
  const tags = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(/q=([\d.]+)/.exec(params.join(';'))?.[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** picks a catalog label's text in the report's language */
export const inLang = (text: LocalizedText | undefined, lang: ReportLang, fallback = ''): string =>
  text?.[lang] || text?.zh || fallback;

/** `2026-03-01` in the report's language: 2026年3月1日 in Chinese, as is in English */
export function dateWords(date: string | null | undefined, lang: ReportLang): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m || lang === 'en') return date.slice(0, 10);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** what the report calls a subject's kind, status and the like */
const WORDS: Record<string, LocalizedText> = {
  business: { zh: '企业', en: 'Business' },
  government: { zh: '机关、事业单位', en: 'Government or public institution' },
  social_org: { zh: '社会组织', en: 'Social organization' },
  person: { zh: '自然人', en: 'Person' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  ric: { zh: '居民身份证号码', en: 'Resident ID number' },
  lei: { zh: '法人机构识别编码', en: 'Legal entity identifier' },
  legacy_reg: { zh: '原注册号', en: 'Former registration number' },
  passport: { zh: '护照号码', en: 'Passport number' },
  minor: { zh: '轻微', en: 'Minor' },
  general: { zh: '一般', en: 'General' },
  serious: { zh: '严重', en: 'Serious' },
  active: { zh: '有效', en: 'Active' },
  expired: { zh: '已到期', en: 'Expired' },
  repaired: { zh: '已修复', en: 'Repaired' },
  corrected: { zh: '已更正', en: 'Corrected' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  public: { zh: '公开', en: 'Public' },
  restricted: { zh: '受限', en: 'Restricted' },
  proposed: { zh: '已提议', en: 'Proposed' },
  noticed: { zh: '已告知', en: 'Notice served' },
  effective: { zh: '生效', en: 'In force' },
  removed: { zh: '已移出', en: 'Removed' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  open: { zh: '办理中', en: 'Open' },
  upheld: { zh: '成立', en: 'Upheld' },
  forwarded: { zh: '已转交', en: 'Forwarded' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '已拒绝', en: 'Refused' },
  deny: { zh: '禁止', en: 'Deny' },
  review: { zh: '审查', en: 'Review' },
  fast_track: { zh: '绿色通道', en: 'Fast track' },
  black: { zh: '黑名单', en: 'Blacklist' },
  red: { zh: '红名单', en: 'Redlist' },
  warning: { zh: '重点关注名单', en: 'Warning list' },
  record: { zh: '信用记录', en: 'Record' },
  list_entry: { zh: '名单', en: 'List entry' },
  rating: { zh: '信用评价', en: 'Rating' },
  true: { zh: '是', en: 'Yes' },
  false: { zh: '否', en: 'No' },
};

/** a value the report names in words, the value itself when there are none */
export const word = (value: string | null | undefined, lang: ReportLang): string =>
  value === null || value === undefined ? '' : (WORDS[value]?.[lang] ?? value);
