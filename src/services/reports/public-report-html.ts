import type { Catalog, FieldDef } from '../../domain/catalog.js';
import { formatMinor } from '../../domain/money.js';
import type { FieldValue } from '../../domain/record.js';
import { escapeHtml as esc } from '../html.js';
import type { PublicView } from '../disclosure/public-view.service.js';
import { htmlTable, REPORT_STYLE } from './report-html.js';
import { dateWords, inLang, word, type ReportLang } from './report-lang.js';
import { percent } from '../../domain/ratings/group-engine.js';

/** What the public report of an organization says, besides its public view. */
export interface PublicReportInput {
  view: PublicView;
  lang: ReportLang;
  code: string;
  issuedAt: string;
  /** authority names by id, in both languages */
  authorities: ReadonlyMap<string, { zh: string; en: string }>;
}

const T = {
  zh: {
    title: '公共信用报告',
    issued: '出具时间',
    asOf: '信息截至',
    code: '验证码',
    verify:
      '任何人可在本平台“报告验证”页面（/verify）输入验证码，核验本报告是否由本平台出具、出具日期及内容是否一致。',
    digest: '本平台在审计日志中保存了本报告内容的 SHA-256 摘要；对报告的任何改动都会使核验不一致。',
    scope: '本报告仅包含公开信息（公开期内的公开记录、生效中的名单和公开的信用评价）。',
    identity: '主体信息',
    kind: '主体类型',
    region: '所在地区',
    ids: '标识号',
    names: '名称',
    records: '公开信用记录',
    type: '类别',
    decided: '决定日期',
    docNo: '文书号',
    authority: '作出机关',
    basis: '法律依据',
    facts: '事实与内容',
    until: '公开截止',
    lists: '名单',
    list: '名单',
    colour: '性质',
    circumstance: '情形',
    from: '列入日期',
    ends: '届满日期',
    ratings: '信用评价',
    model: '评价模型',
    grade: '等级',
    score: '分数',
    ratedOn: '评价日期',
    none: '无。',
    noEnd: '无固定期限',
    disputed: '（异议处理中）',
  },
  en: {
    title: 'Public credit report',
    issued: 'Issued',
    asOf: 'Information as of',
    code: 'Verification code',
    verify:
      'Anyone can enter the verification code on the registry’s “Verify a report” page (/verify) to check that the registry issued this report, on what date, and that its content is unchanged.',
    digest:
      'The registry keeps the SHA-256 digest of this report in its audit log; any change to the report makes the check fail.',
    scope:
      'This report holds only public information: public records inside their publication window, list entries in force and public ratings.',
    identity: 'Identity',
    kind: 'Kind',
    region: 'Region',
    ids: 'Identifiers',
    names: 'Names',
    records: 'Public records',
    type: 'Type',
    decided: 'Decided',
    docNo: 'Document number',
    authority: 'Authority',
    basis: 'Legal basis',
    facts: 'Facts',
    until: 'Public until',
    lists: 'Lists',
    list: 'List',
    colour: 'Kind of list',
    circumstance: 'Circumstance',
    from: 'Listed from',
    ends: 'Ends',
    ratings: 'Ratings',
    model: 'Model',
    grade: 'Grade',
    score: 'Score',
    ratedOn: 'Rated on',
    none: 'None.',
    noEnd: 'no fixed end',
    disputed: ' (under objection)',
  },
} as const;

/** The public credit report of an organization as one printable HTML page, in the reader's language. */
export function renderPublicReportHtml(catalog: Catalog, input: PublicReportInput): string {
  const { view, lang, code, issuedAt, authorities } = input;
  const t = T[lang];
  const table = (head: string[], rows: unknown[][]) => htmlTable(head, rows, t.none);
  const authority = (id: string) => authorities.get(id)?.[lang] || authorities.get(id)?.zh || id;
  const { subject } = view;
  const name = subject.name;
  const records = view.records.map((r) => {
    const type = catalog.recordTypes.get(r.type);
    const fields = (type?.fields ?? [])
      .filter((f) => r.fields[f.name] !== undefined)
      .map((f) => `${inLang(f.label, lang, f.name)}: ${fieldWords(f, r.fields[f.name], lang)}`);
    return [
      `${inLang(type?.name, lang, r.typeName)}${r.disputed ? t.disputed : ''}`,
      dateWords(r.decisionDate, lang),
      r.documentNumber ?? '',
      authority(r.authority),
      r.legalBasis,
      [r.facts, r.severity ? word(r.severity, lang) : '', ...fields].filter(Boolean).join('\n'),
      r.publicUntil ? dateWords(r.publicUntil, lang) : t.noEnd,
    ];
  });
  const entries = view.listEntries.map((e) => {
    const type = catalog.listTypes.get(e.listType);
    return [
      `${inLang(type?.name, lang, e.listName)}${e.disputed ? t.disputed : ''}`,
      word(e.colour, lang),
      authority(e.authority),
      e.circumstance ? circumstanceWords(catalog, e.listType, e.circumstance, lang) : '',
      dateWords(e.effectiveFrom, lang),
      e.endsOn ? dateWords(e.endsOn, lang) : t.noEnd,
      e.legalBasis
        // a notice saved before notes had two languages keeps its English text
        .map((b) => {
          const note = typeof b.provision === 'string' ? b.provision : inLang(b.provision, lang);
          return [b.title, note].filter(Boolean).join(' ');
        })
        .join('\n'),
    ];
  });
  const ratings = view.ratings.map((r) => [
    inLang(catalog.ratingModels.get(r.modelId)?.name, lang, r.modelId),
    // a group's grade by its name, and the count and share behind it (issue 22)
    r.group ? inLang(r.group.gradeLabel, lang, r.grade) : r.grade,
    r.group
      ? `${r.group.atOrAbove}/${r.group.members} (${percent(r.group.share)})`
      : (r.score ?? ''),
    dateWords(r.asOf, lang),
  ]);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(name)}: ${esc(t.title)}</title><style>${REPORT_STYLE}</style></head>
<body>
<h1>${esc(name)}: ${esc(t.title)}</h1>
<p class="meta">${esc(t.issued)}: ${esc(dateWords(issuedAt, lang))} ${esc(issuedAt.slice(11, 16))} UTC; ${esc(t.asOf)}: ${esc(dateWords(view.asOf, lang))}</p>
<p class="code">${esc(t.code)}: <strong>${esc(code)}</strong></p>
<p class="meta">${esc(t.verify)}</p>
<p class="meta">${esc(t.scope)}</p>
<h2>${esc(t.identity)}</h2>
${table(
  [t.kind, t.region, t.ids, t.names],
  [
    [
      word(subject.kind, lang),
      subject.regionName ?? subject.region ?? '',
      subject.identifiers.map((i) => `${word(i.scheme, lang)} ${i.value}`).join('\n'),
      subject.names.map((n) => n.name).join('\n'),
    ],
  ],
)}
<h2>${esc(t.records)} (${view.records.length})</h2>
${table([t.type, t.decided, t.docNo, t.authority, t.basis, t.facts, t.until], records)}
<h2>${esc(t.lists)} (${view.listEntries.length})</h2>
${table([t.list, t.colour, t.authority, t.circumstance, t.from, t.ends, t.basis], entries)}
<h2>${esc(t.ratings)} (${view.ratings.length})</h2>
${table([t.model, t.grade, t.score, t.ratedOn], ratings)}
<p class="meta">${esc(t.digest)}</p>
</body></html>
`;
}

/** a record field's value in words: enum labels, money in yuan, yes and no */
function fieldWords(field: FieldDef, value: FieldValue | undefined, lang: ReportLang): string {
  if (value === undefined) return '';
  const label = (v: string) => inLang(field.valueLabels?.[v], lang, v);
  if (Array.isArray(value)) return value.map(label).join(lang === 'zh' ? '、' : ', ');
  if (typeof value === 'boolean') return word(String(value), lang);
  if (field.type === 'money' && typeof value === 'number') return formatMinor(value);
  if (field.type === 'date' && typeof value === 'string') return dateWords(value, lang);
  if (field.type === 'enum') return label(String(value));
  return String(value);
}

/** a list entry's circumstance by the words of the criterion field that holds it */
function circumstanceWords(
  catalog: Catalog,
  listType: string,
  value: string,
  lang: ReportLang,
): string {
  for (const criterion of catalog.listTypes.get(listType)?.criteria ?? []) {
    for (const f of catalog.recordTypes.get(criterion.recordType)?.fields ?? []) {
      const text = f.valueLabels?.[value];
      if (text) return inLang(text, lang, value);
    }
  }
  return value;
}
