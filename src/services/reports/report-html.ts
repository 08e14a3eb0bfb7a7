import { createHash } from 'node:crypto';
import { formatMinor } from '../../domain/money.js';
import { displayName } from '../../domain/subject.js';
import { escapeHtml as esc } from '../html.js';
import type { OwnReport } from './own-report.service.js';

/** The own report as one printable HTML page: no scripts, no outside resources. */

const table = (head: string[], rows: unknown[][]): string =>
  rows.length === 0
    ? '<p class="none">None.</p>'
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.none{color:#555}.meta{color:#333;font-size:.85rem}
@media print{body{margin:1cm}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** The page's Content-Security-Policy: nothing may load or run but its own style element. */
export const REPORT_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderReportHtml(report: OwnReport): string {
  const { subject } = report;
  const records = report.items.map((i) => {
    const v = i.current;
    const amounts = v.amounts
      .map((a) => `${a.field} ${formatMinor(a.minor)} ${a.currency}`)
      .join('; ');
    return [
      v.decisionDate,
      v.type,
      i.status,
      i.visibility.replace('_', ' '),
      v.authorityId,
      v.legalBasis,
      [v.facts, amounts].filter(Boolean).join(' — '),
      i.window.publicFrom ? `${i.window.publicFrom} – ${i.window.publicUntil ?? 'no end'}` : '',
      i.retainedUntil ?? '',
      i.window.repairFrom ?? '',
    ];
  });
  const entries = report.listEntries.map(({ entry: e }) => [
    e.listType,
    e.state,
    e.authorityId,
    e.proposedOn,
    e.effectiveFrom ?? '',
    e.endsOn ?? '',
    e.removal ?? '',
  ]);
  const ratings = report.ratings.map((r) => [
    r.rating.modelId,
    r.rating.modelVersion,
    r.rating.asOf,
    r.rating.score ?? '',
    r.rating.grade,
    r.explanation.join('\n'),
  ]);
  const inquiries = report.inquiries.map((q) => [
    q.at,
    q.accountName,
    q.authorityId ?? '',
    q.purpose,
    q.read.recordIds.length,
    q.read.restricted.length,
    q.consent ? `${q.consent.document}, ${q.consent.date}: ${q.consent.scope}` : '',
  ]);
  return `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>${esc(displayName(subject))}: credit report</title><style>${STYLE}</style></head>
<body>
<h1>${esc(displayName(subject))}: own credit report</h1>
<p class="meta">As of ${esc(report.asOf)}; generated ${esc(report.generatedAt)}; this read is inquiry ${esc(report.inquiry.seq)} in the log below.</p>
<h2>Identity</h2>
${table(['kind', 'region', 'identifiers', 'names'], [[subject.kind, subject.region ?? '', subject.identifiers.map((i) => `${i.scheme} ${i.value}`).join('; '), subject.names.map((n) => n.name).join('; ')]])}
<h2>Records (${report.items.length})</h2>
${table(['decided', 'type', 'status', 'visibility', 'authority', 'legal basis', 'facts', 'public', 'retained until', 'repair from'], records)}
<h2>List entries (${report.listEntries.length})</h2>
${table(['list', 'state', 'authority', 'proposed', 'effective', 'ends', 'removal'], entries)}
<h2>Measures in force</h2>
${table(
  ['measure', 'effect', 'actions'],
  report.measures.map((m) => [m.id, m.effect, m.actions.join(', ')]),
)}
<h2>Ratings (${report.ratings.length})</h2>
${table(['model', 'version', 'as of', 'score', 'grade', 'explanation'], ratings)}
<h2>Objections (${report.objections.length})</h2>
${table(
  ['filed', 'item', 'grounds', 'answer by', 'state', 'answered', 'reasons'],
  report.objections.map((o) => [
    o.filedOn,
    `${o.item} ${o.itemId}`,
    o.grounds,
    o.answerBy,
    o.overdue ? 'open, OVERDUE' : o.state,
    o.decidedOn ?? '',
    o.reasons ?? '',
  ]),
)}
<h2>Credit repair (${report.repairs.length})</h2>
${table(
  ['applied', 'item', 'state', 'due by', 'decided', 'reasons', 'commitment'],
  report.repairs.map((r) => [
    r.filedOn,
    `${r.item} ${r.itemId}`,
    r.overdue ? `${r.state}, OVERDUE` : r.state,
    r.dueBy ?? '',
    r.decidedOn ?? '',
    r.reasons ?? '',
    r.commitment,
  ]),
)}
<h2>Who looked at this file (${report.inquiries.length})</h2>
${table(['when', 'who', 'for', 'purpose', 'records read', 'restricted', 'consent 本人授权'], inquiries)}
<p class="meta">You may object to any item and apply for credit repair; both are free of charge.</p>
</body></html>
`;
}
