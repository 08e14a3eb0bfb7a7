import type { LocalizedText } from '../catalog.js';
import { formatHundredths } from './hundredths.js';
import type { PointsResult } from './points-result.js';

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

/** One line for the grade, one per contribution, then the direct, special, ceiling and carry-over steps. */
export function explainPointsResult(result: PointsResult, lang: Language = 'en'): string[] {
  const lines = [
    `${result.modelId} ${result.modelVersion} as of ${result.asOf} (period ${result.period.start} to ${result.period.end}): grade ${result.grade}, ${BASIS[result.basis]}`,
    `score ${formatHundredths(result.scoreHundredths)} (band ${result.scoreGrade})`,
  ];
  for (const c of result.contributions) {
    const sign = c.hundredths > 0 ? '+' : '';
    const capped = c.uncapped === undefined ? '' : ` (capped; ${c.uncapped} before the cap)`;
    lines.push(
      `  ${`${sign}${formatHundredths(c.hundredths)}`.padStart(9)}  ${c.rule}: ${c.label[lang]}${capped}${ids(c.recordIds, c.entryIds)}`,
    );
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
