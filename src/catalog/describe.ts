import type { LegalBasis, PublicationRule, RecordType } from '../domain/catalog.js';

/** Short plain-text descriptions of catalog entries, for the CLI and logs. */

export function describePublication(rule: PublicationRule): string {
  switch (rule.kind) {
    case 'never':
      return 'never public';
    case 'always':
      return 'public, no end';
    case 'while_listed':
      return 'public while listed';
    case 'fixed':
      return `public ${rule.window} from ${rule.from}${rule.repairAfter ? `, repair after ${rule.repairAfter}` : ''}`;
    case 'when':
      return `public when ${rule.field} is ${rule.values.join('/')}${rule.window ? ` for ${rule.window}` : ''}`;
    case 'tiered': {
      const tiers = Object.entries(rule.tiers).map(
        ([tier, t]) =>
          `${tier} ${t.window ?? 'not published'}${t.repairAfter ? ` (repair after ${t.repairAfter})` : ''}`,
      );
      const classes = rule.classField ? `; ${rule.classField} raise the tier, longest wins` : '';
      return `by ${rule.tierField} from ${rule.from}: ${tiers.join(', ')}${classes}`;
    }
  }
}

export const describeLegalBasis = (b: LegalBasis): string =>
  b.provision ? `${b.title}, ${b.provision}` : b.title;

/** One line per record type: id, disclosure, publication, name. */
export function describeTypeLine(t: RecordType): string {
  return `${t.id.padEnd(22)} ${t.disclosure.padEnd(10)} ${t.adverse ? 'adverse ' : '        '} ${describePublication(t.publication)}  ${t.name.zh} / ${t.name.en}`;
}

/** Several lines about one record type: what, who, when public, on what basis, and its fields. */
export function describeType(t: RecordType): string[] {
  const lines = [
    `${t.id}: ${t.name.zh} / ${t.name.en}`,
    `  ${t.description}`,
    `  domains: ${t.domains.join(', ')}; subjects: ${t.subjectKinds.join(', ')}`,
    `  disclosure: ${t.disclosure}${t.adverse ? ', adverse' : ''}${t.severities ? `; severities: ${t.severities.join(', ')}` : ''}`,
    `  publication: ${describePublication(t.publication)}`,
  ];
  if (t.retention) lines.push(`  retention: ${t.retention.afterEnd} after the conduct ends`);
  lines.push('  legal basis:', ...t.legalBasis.map((b) => `    - ${describeLegalBasis(b)}`));
  lines.push('  fields:');
  for (const f of t.fields) {
    const rules = [
      f.required ? 'required' : 'optional',
      f.values ? `one${f.type === 'enum_list' ? ' or more' : ''} of ${f.values.join(', ')}` : '',
      f.min !== undefined ? `min ${f.min}` : '',
      f.max !== undefined ? `max ${f.max}` : '',
      f.maxLength !== undefined ? `max ${f.maxLength} chars` : '',
      f.pattern ? `pattern ${f.pattern}` : '',
      f.notBefore ? `not before ${f.notBefore}` : '',
    ].filter(Boolean);
    lines.push(
      `    ${f.name.padEnd(22)} ${f.type.padEnd(9)} ${rules.join('; ')}  (${f.label.zh} / ${f.label.en})`,
    );
  }
  return lines;
}
