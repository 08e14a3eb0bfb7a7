import type { LocalizedText } from '../catalog.js';
import { formatHundredths } from './hundredths.js';
import type { Contribution, ContributionItem, PointsResult } from './points-result.js';

/** Plain-text explanations of a points result (principle 2.5): every step, with its records. */

export type Language = keyof LocalizedText;

const BASIS: Record<PointsResult['basis'], string> = {
  score: 'by score',
  direct: 'graded directly',
  special: 'special grade',
};

const ids = (recordIds: readonly string[], entryIds: readonly string[]): string => {
  const parts = [
    recordIds.length > 0 ? `records ${recordIds.join(', ')}` : '',
    entryIds.length > 0 ? `entries ${entryIds.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` [${parts.join('; ')}]` : '';
};

/**
 * `by score`, `graded directly`…; a grade a ceiling held below its band names the ceiling
 * (the direct and special grades are named on their own lines below)
 */
function setBy(result: PointsResult, lang: Language): string {
  const s = result.setBy;
  if (s?.kind !== 'ceiling' || !s.rule) return BASIS[result.basis];
  return `held down by the ceiling ${s.rule}${s.label ? ` (${s.label[lang]})` : ''} from ${result.scoreGrade} by score`;
}

/** `−50 × 0.2590 after decay = −12.95 [rec_…]`; null when the points are the rule's points as they stand */
function itemFormula(item: ContributionItem): string | null {
  const base = item.basePoints;
  if (base === undefined) return null;
  if (item.units === 1 && item.factor === 1 && item.occurrence === undefined) return null;
  const parts = [String(base)];
  if (item.units !== 1) parts.push(`${item.units} units`);
  if (item.factor !== 1) parts.push(`${item.factor} after decay`);
  const nth = item.occurrence === undefined ? '' : ` (occurrence ${item.occurrence})`;
  const id = item.recordId ?? item.entryId ?? '';
  return `${parts.join(' × ')} = ${String(item.points)}${nth}${id ? ` [${id}]` : ''}`;
}

/** what a shared cap or the score range did */
function stepNote(c: Contribution): string {
  if (c.capped)
    return ` (${c.capped.rules.join(' + ')}: ${c.capped.total} together, cap ${c.capped.cap})`;
  if (c.clamped)
    return ` (score ${c.clamped.score} held to ${c.clamped.min ?? '…'} to ${c.clamped.max ?? '…'})`;
  return '';
}

/** One line for the grade, one per contribution, then the direct, special, ceiling and carry-over steps. */
export function explainPointsResult(result: PointsResult, lang: Language = 'en'): string[] {
  const lines = [
    `${result.modelId} ${result.modelVersion} as of ${result.asOf} (period ${result.period.start} to ${result.period.end}): grade ${result.grade}, ${setBy(result, lang)}`,
    `score ${formatHundredths(result.scoreHundredths)} (band ${result.scoreGrade})`,
  ];
  for (const c of result.contributions) {
    const sign = c.hundredths > 0 ? '+' : '';
    const capped = c.uncapped === undefined ? '' : ` (capped; ${c.uncapped} before the cap)`;
    lines.push(
      `  ${`${sign}${formatHundredths(c.hundredths)}`.padStart(9)}  ${c.rule}: ${c.label[lang]}${capped}${stepNote(c)}${ids(c.recordIds, c.entryIds)}`,
    );
    // each record's points with the factor behind them, where more than the rule's points
    for (const item of c.items ?? []) {
      const formula = itemFormula(item);
      if (formula) lines.push(`             ${formula}`);
    }
  }
  const d = result.directGrade;
  if (d) {
    const held =
      d.periods > 1
        ? `, held (period ${d.periods}, found in ${d.since.start} to ${d.since.end})`
        : '';
    lines.push(
      `direct grade ${d.grade}: ${d.rule}: ${d.label[lang]}${held}${ids(d.recordIds, d.entryIds)}`,
    );
  }
  const s = result.specialGrade;
  if (s)
    lines.push(
      `special grade ${s.grade}: ${s.rule}: ${s.label[lang]}${ids(s.recordIds, s.entryIds)}`,
    );
  for (const c of result.ceilings ?? [])
    lines.push(
      `no better than ${c.grade}: ${c.rule}: ${c.label[lang]}${ids(c.recordIds, c.entryIds)}`,
    );
  for (const c of result.carryOver ?? [])
    lines.push(
      `carried over from ${c.from.period.start} to ${c.from.period.end} (grade ${c.from.grade}, ${BASIS[c.from.basis]}): ${c.rule}: ${c.label[lang]}`,
    );
  return lines;
}
