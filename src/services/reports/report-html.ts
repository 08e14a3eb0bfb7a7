import { createHash } from 'node:crypto';
import { formatMinor } from '../../domain/money.js';
import { displayName } from '../../domain/subject.js';
import { escapeHtml as esc } from '../html.js';
import type { Catalog } from '../../domain/catalog.js';
import type { OwnReport } from './own-report.service.js';
import { dateWords, inLang, word, type ReportLang } from './report-lang.js';

/** The own report as one printable HTML page in the reader's language: no scripts, no outside resources. */

/** a table of text cells, or a line saying there is nothing */
export const htmlTable = (head: string[], rows: unknown[][], none: string): string =>
  rows.length === 0
    ? `<p class="none">${esc(none)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

/** the printable reports' one style element */
export const REPORT_STYLE = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top;white-space:pre-line}
th{background:#eee}.none{color:#555}.meta{color:#333;font-size:.85rem}.code{font-size:1.1rem;letter-spacing:.05em}
@media print{body{margin:1cm}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** The page's Content-Security-Policy: nothing may load or run but its own style element. */
export const REPORT_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const T = {
  zh: {
    title: '本人信用报告',
    meta: (asOf: string, at: string, seq: unknown) =>
      `信息截至 ${asOf}；生成于 ${at}；本次查阅是下方查询记录中的第 ${seq} 条。`,
    identity: '主体信息',
    identityHead: ['主体类型', '所在地区', '标识号', '名称'],
    records: '信用记录',
    recordsHead: [
      '决定日期',
      '类别',
      '状态',
      '公开范围',
      '作出机关',
      '法律依据',
      '事实',
      '公开期',
      '保存至',
      '可申请修复自',
    ],
    lists: '名单',
    listsHead: ['名单', '状态', '作出机关', '提议日期', '生效日期', '届满日期', '移出原因'],
    measures: '适用的措施',
    measuresHead: ['措施', '效果', '涉及事项'],
    ratings: '信用评价',
    ratingsHead: ['评价模型', '版本', '评价日期', '分数', '等级', '说明'],
    objections: '异议',
    objectionsHead: ['提出日期', '事项', '理由', '答复期限', '状态', '答复日期', '答复理由'],
    repairs: '信用修复',
    repairsHead: ['申请日期', '事项', '状态', '办理期限', '决定日期', '理由', '承诺'],
    inquiries: '查询记录',
    inquiriesHead: [
      '时间',
      '查询人',
      '所属机关',
      '查询用途',
      '查阅记录数',
      '受限记录数',
      '本人授权',
    ],
    overdue: '已逾期',
    noEnd: '无固定期限',
    none: '无。',
    rights: '您可以对任何事项提出异议，并可申请信用修复；均不收取费用。',
  },
  en: {
    title: 'own credit report',
    meta: (asOf: string, at: string, seq: unknown) =>
      `As of ${asOf}; generated ${at}; this read is inquiry ${seq} in the log below.`,
    identity: 'Identity',
    identityHead: ['Kind', 'Region', 'Identifiers', 'Names'],
    records: 'Records',
    recordsHead: [
      'Decided',
      'Type',
      'Status',
      'Visibility',
      'Authority',
      'Legal basis',
      'Facts',
      'Public',
      'Retained until',
      'Repair from',
    ],
    lists: 'List entries',
    listsHead: ['List', 'State', 'Authority', 'Proposed', 'Effective', 'Ends', 'Removal'],
    measures: 'Measures in force',
    measuresHead: ['Measure', 'Effect', 'Actions'],
    ratings: 'Ratings',
    ratingsHead: ['Model', 'Version', 'As of', 'Score', 'Grade', 'Explanation'],
    objections: 'Objections',
    objectionsHead: ['Filed', 'Item', 'Grounds', 'Answer by', 'State', 'Answered', 'Reasons'],
    repairs: 'Credit repair',
    repairsHead: ['Applied', 'Item', 'State', 'Due by', 'Decided', 'Reasons', 'Commitment'],
    inquiries: 'Who looked at this file',
    inquiriesHead: ['When', 'Who', 'For', 'Purpose', 'Records read', 'Restricted', 'Consent'],
    overdue: 'OVERDUE',
    noEnd: 'no end',
    none: 'None.',
    rights: 'You may object to any item and apply for credit repair; both are free of charge.',
  },
} as const;

export function renderReportHtml(
  report: OwnReport,
  catalog: Catalog,
  lang: ReportLang = 'zh',
): string {
  const { subject } = report;
  const t = T[lang];
  const table = (head: readonly string[], rows: unknown[][]) => htmlTable([...head], rows, t.none);
  const d = (date: string | null | undefined) => dateWords(date, lang);
  const recordType = (id: string) => inLang(catalog.recordTypes.get(id)?.name, lang, id);
  const listType = (id: string) => inLang(catalog.listTypes.get(id)?.name, lang, id);
  const item = (kind: string, id: string) => `${word(kind, lang)} ${id}`;
  const records = report.items.map((i) => {
    const v = i.current;
    const amounts = v.amounts
      .map((a) => `${a.field} ${formatMinor(a.minor)} ${a.currency}`)
      .join('; ');
    return [
      d(v.decisionDate),
      recordType(v.type),
      word(i.status, lang),
      word(i.visibility, lang),
      v.authorityId,
      v.legalBasis,
      [v.facts, amounts].filter(Boolean).join(' — '),
      i.window.publicFrom
        ? `${d(i.window.publicFrom)} – ${d(i.window.publicUntil) || t.noEnd}`
        : '',
      d(i.retainedUntil),
      d(i.window.repairFrom),
    ];
  });
  const entries = report.listEntries.map(({ entry: e }) => [
    listType(e.listType),
    word(e.state, lang),
    e.authorityId,
    d(e.proposedOn),
    d(e.effectiveFrom),
    d(e.endsOn),
    e.removal ?? '',
  ]);
  const ratings = report.ratings.map((r) => [
    inLang(catalog.ratingModels.get(r.rating.modelId)?.name, lang, r.rating.modelId),
    r.rating.modelVersion,
    d(r.rating.asOf),
    r.rating.score ?? '',
    r.rating.grade,
    r.explanation.join('\n'),
  ]);
  const inquiries = report.inquiries.map((q) => [
    q.at,
    q.accountName,
    q.authorityId ?? '',
    inLang(catalog.purposes.get(q.purpose)?.name, lang, q.purpose),
    q.read.recordIds.length,
    q.read.restricted.length,
    q.consent ? `${q.consent.document}, ${d(q.consent.date)}: ${q.consent.scope}` : '',
  ]);
  const name = esc(displayName(subject));
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${name}: ${esc(t.title)}</title><style>${REPORT_STYLE}</style></head>
<body>
<h1>${name}: ${esc(t.title)}</h1>
<p class="meta">${esc(t.meta(d(report.asOf), report.generatedAt, report.inquiry.seq))}</p>
<h2>${esc(t.identity)}</h2>
${table(t.identityHead, [[word(subject.kind, lang), subject.region ?? '', subject.identifiers.map((i) => `${word(i.scheme, lang)} ${i.value}`).join('; '), subject.names.map((n) => n.name).join('; ')]])}
<h2>${esc(t.records)} (${report.items.length})</h2>
${table(t.recordsHead, records)}
<h2>${esc(t.lists)} (${report.listEntries.length})</h2>
${table(t.listsHead, entries)}
<h2>${esc(t.measures)}</h2>
${table(
  t.measuresHead,
  report.measures.map((m) => [
    inLang(catalog.measures.get(m.id)?.name, lang, m.id),
    word(m.effect, lang),
    m.actions.join(', '),
  ]),
)}
<h2>${esc(t.ratings)} (${report.ratings.length})</h2>
${table(t.ratingsHead, ratings)}
<h2>${esc(t.objections)} (${report.objections.length})</h2>
${table(
  t.objectionsHead,
  report.objections.map((o) => [
    d(o.filedOn),
    item(o.item, o.itemId),
    o.grounds,
    d(o.answerBy),
    o.overdue ? `${word('open', lang)}, ${t.overdue}` : word(o.state, lang),
    d(o.decidedOn),
    o.reasons ?? '',
  ]),
)}
<h2>${esc(t.repairs)} (${report.repairs.length})</h2>
${table(
  t.repairsHead,
  report.repairs.map((r) => [
    d(r.filedOn),
    item(r.item, r.itemId),
    r.overdue ? `${word(r.state, lang)}, ${t.overdue}` : word(r.state, lang),
    d(r.dueBy),
    d(r.decidedOn),
    r.reasons ?? '',
    r.commitment,
  ]),
)}
<h2>${esc(t.inquiries)} (${report.inquiries.length})</h2>
${table(t.inquiriesHead, inquiries)}
<p class="meta">${esc(t.rights)}</p>
</body></html>
`;
}
