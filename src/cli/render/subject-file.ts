import { displayName } from '../../domain/subject.js';
import { formatMinor } from '../../domain/money.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { FileItem, SubjectFile } from '../../services/records/subject-file.service.js';
import type { SubjectOverview } from '../../services/subject-overview.service.js';
import { renderEntries } from './list-entries.js';

/** How ids read to a person: an authority and a record type by name, the id beside it. */
export interface Names {
  authority(id: string): string;
  recordType(id: string): string;
}

/** Ids as they are, where no names were looked up. */
const ID_NAMES: Names = { authority: (id) => id, recordType: (id) => id };

/** Names from the catalog and the registered authorities (read once, before rendering). */
export async function namesOf(deps: ServiceDeps): Promise<Names> {
  const authorities = new Map((await deps.store.listAuthorities()).map((a) => [a.id, a]));
  return {
    authority: (id) => {
      const a = authorities.get(id);
      return a ? `${a.name}${a.nameEn ? ` ${a.nameEn}` : ''} (${id})` : id;
    },
    recordType: (id) => {
      const t = deps.catalog.recordTypes.get(id);
      return t ? `${t.name.zh} ${t.name.en} (${id})` : id;
    },
  };
}

/** A subject's file as readable text for a terminal. */
export function renderSubjectFile(file: SubjectFile, names: Names = ID_NAMES): string {
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
  for (const item of file.items) out.push('', ...renderItem(item, names));
  return out.join('\n') + '\n';
}

function renderItem(item: FileItem & { disputed?: boolean }, names: Names): string[] {
  const v = item.current;
  // a revoked record is withdrawn: it is not published, whatever its window would have been
  const revoked = item.status === 'revoked';
  const shown = revoked ? 'withdrawn, not published' : item.visibility.replace('_', ' ');
  const lines = [
    `${v.decisionDate}  ${names.recordType(v.type)}  ${item.status.toUpperCase()}${item.disputed ? '  DISPUTED' : ''}  (${shown})`,
    `  record ${item.recordId} v${v.version}${v.documentNumber ? `  doc ${v.documentNumber}` : ''}  by ${names.authority(v.authorityId)}`,
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
  if (w.publicFrom && !revoked)
    lines.push(`  public ${w.publicFrom} .. ${w.publicUntil ?? 'no end'}`);
  if (w.repairFrom && !revoked) lines.push(`  repair can be applied for from ${w.repairFrom}`);
  if (item.retainedUntil) lines.push(`  retained until ${item.retainedUntil}`);
  if (v.reason) lines.push(`  ${v.action} reason: ${v.reason}`);
  // each earlier version with the reason it was recorded for (a correction's own reason)
  for (const h of item.history)
    lines.push(
      `  earlier v${h.version} (${h.action}) recorded ${h.recordedAt}${h.reason ? `, reason: ${h.reason}` : ''}; since corrected`,
    );
  return lines;
}

/** The file, then the list entries with their history, then the measures in force. */
export function renderOverview(overview: SubjectOverview, names: Names = ID_NAMES): string {
  const lines = [`\nList entries: ${overview.listEntries.length}`];
  if (overview.listEntries.length > 0) lines.push('', renderEntries(overview.listEntries));
  if (overview.measures.length > 0) {
    lines.push('', 'Measures in force (for the subject itself):');
    for (const m of overview.measures)
      lines.push(`  ${m.effect}  ${m.id}: ${m.actions.join(', ')}`);
  }
  lines.push('', `Ratings: ${overview.ratings.length}`);
  for (const r of overview.ratings) lines.push(...r.explanation.map((l) => `  ${l}`));
  return renderSubjectFile(overview, names) + `${lines.join('\n')}\n`;
}
