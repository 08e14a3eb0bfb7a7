import { displayName } from '../../domain/subject.js';
import { formatMinor } from '../../domain/money.js';
import type { FileItem, SubjectFile } from '../../services/records/subject-file.service.js';
import type { SubjectOverview } from '../../services/subject-overview.service.js';
import { renderEntries } from './list-entries.js';

/** A subject's file as readable text for a terminal. */
export function renderSubjectFile(file: SubjectFile): string {
  const { subject } = file;
  const out: string[] = [];
  out.push(`${displayName(subject)}  [${subject.kind}]  ${subject.id}`);
  for (const n of subject.names) {
    if (n.name !== displayName(subject))
      out.push(`  also: ${n.name} (${n.lang}${n.current ? '' : ', former'})`);
  }
  for (const i of subject.identifiers) out.push(`  ${i.scheme.toUpperCase()}: ${i.value}`);
  out.push(`  region: ${subject.region ?? 'unknown'}`);
  for (const r of subject.relations) out.push(`  ${r.kind}: ${r.otherId}`);
  out.push('', `File as of ${file.asOf}: ${file.items.length} record(s)`);
  for (const item of file.items) out.push('', ...renderItem(item));
  return out.join('\n') + '\n';
}

function renderItem(item: FileItem & { disputed?: boolean }): string[] {
  const v = item.current;
  const lines = [
    `${v.decisionDate}  ${v.type}  ${item.status.toUpperCase()}${item.disputed ? '  DISPUTED' : ''}  (${item.visibility.replace('_', ' ')})`,
    `  record ${item.recordId} v${v.version}${v.documentNumber ? `  doc ${v.documentNumber}` : ''}  by ${v.authorityId}`,
    `  legal basis: ${v.legalBasis}`,
  ];
  if (v.severity) lines.push(`  severity: ${v.severity}`);
  if (v.facts) lines.push(`  facts: ${v.facts}`);
  const fields = Object.entries(v.fields).map(
    ([k, x]) => `${k}=${Array.isArray(x) ? x.join('|') : String(x)}`,
  );
  for (const a of v.amounts) fields.push(`${a.field}=${formatMinor(a.minor)} ${a.currency}`);
  if (fields.length > 0) lines.push(`  ${fields.join('  ')}`);
  const w = item.window;
  if (w.publicFrom) lines.push(`  public ${w.publicFrom} .. ${w.publicUntil ?? 'no end'}`);
  if (w.repairFrom) lines.push(`  repair can be applied for from ${w.repairFrom}`);
  if (item.retainedUntil) lines.push(`  retained until ${item.retainedUntil}`);
  if (v.reason) lines.push(`  ${v.action} reason: ${v.reason}`);
  for (const h of item.history)
    lines.push(`  earlier v${h.version} (${h.action}) recorded ${h.recordedAt}: corrected`);
  return lines;
}

/** The file, then the list entries with their history, then the measures in force. */
export function renderOverview(overview: SubjectOverview): string {
  const lines = [`\nList entries: ${overview.listEntries.length}`];
  if (overview.listEntries.length > 0) lines.push('', renderEntries(overview.listEntries));
  if (overview.measures.length > 0) {
    lines.push('', 'Measures in force (for the subject itself):');
    for (const m of overview.measures)
      lines.push(`  ${m.effect}  ${m.id}: ${m.actions.join(', ')}`);
  }
  lines.push('', `Ratings: ${overview.ratings.length}`);
  for (const r of overview.ratings) lines.push(...r.explanation.map((l) => `  ${l}`));
  return renderSubjectFile(overview) + `${lines.join('\n')}\n`;
}
