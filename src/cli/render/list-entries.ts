import type { ListEntry } from '../../domain/list-entry.js';
import type { CheckResult } from '../../services/lists/check.service.js';
import type { EntryView } from '../../services/lists/queries.service.js';

/** One entry in one paragraph. */
export function renderEntry(entry: ListEntry): string {
  const lines = [`${entry.listType}  ${entry.state.toUpperCase()}  entry ${entry.id}`];
  lines.push(
    `  proposed ${entry.proposedOn} by ${entry.authorityId}; rests on ${entry.recordIds.join(', ')}`,
  );
  if (entry.circumstance) lines.push(`  circumstance: ${entry.circumstance}`);
  if (entry.noticeEnds)
    lines.push(
      `  case may be stated until ${entry.noticeEnds}${entry.noticeWaived ? ' (waived)' : ''}`,
    );
  if (entry.effectiveFrom)
    lines.push(`  effective ${entry.effectiveFrom} .. ${entry.endsOn ?? 'until performed'}`);
  if (entry.removedOn)
    lines.push(`  ended ${entry.removedOn}${entry.removal ? ` (${entry.removal})` : ''}`);
  return lines.join('\n') + '\n';
}

/** The entries of a file, each with its history. */
export function renderEntries(views: readonly EntryView[]): string {
  return views
    .map(({ entry, history }) =>
      [
        renderEntry(entry).trimEnd(),
        ...history.map((t) =>
          // a notice with noticeWaived is the subject's waiver, recorded by an officer
          t.kind === 'notice' && t.data.noticeWaived
            ? `    #${t.seq} ${t.effectiveDate} notice period waived by the subject, recorded by ${t.actor}: ${t.reason}`
            : `    #${t.seq} ${t.effectiveDate} ${t.kind} → ${t.toState} by ${t.actor}: ${t.reason}`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

export function renderCheck(result: CheckResult): string {
  const lines = [
    `${result.action} for ${result.identifier} on ${result.date}: ${result.decision.toUpperCase()}`,
  ];
  for (const r of [...result.reasons, ...result.incentives]) {
    const basis = r.measure.legalBasis
      .map((b) => `${b.title}${b.provision ? ` ${b.provision.en}` : ''}`)
      .join('; ');
    lines.push(
      `  ${r.measure.effect}: ${r.measure.id} (${r.measure.name}) via ${r.via}; entry ${r.entry.id} on ${r.entry.listType} ` +
        `${r.entry.effectiveFrom ?? ''} .. ${r.entry.endsOn ?? 'until performed'}`,
      `    legal basis: ${basis}`,
    );
  }
  return lines.join('\n') + '\n';
}
