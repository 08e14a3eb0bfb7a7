import type { MessageKey } from '../../i18n';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The server's reason phrases (src/domain/search/score.ts, services/search), by pattern. */
const REASONS: Array<[RegExp, (m: RegExpMatchArray, t: Translate) => string | null]> = [
  [/^identifier /, () => null],
  [/^(han|pinyin|latin|initials) .* matches exactly$/, () => null],
  [/^former name /, (_m, t) => t('match.why.former')],
  [
    /^shares (\d+) of (\d+) tokens/,
    (m, t) => t('match.why.tokens', { shared: m[1]!, total: m[2]! }),
  ],
  [
    /^(characters|pinyin|latin) .* is (\d+) edit\(s\) from /,
    (m, t) => t(`match.why.edits.${m[1]}` as MessageKey, { edits: m[2]! }),
  ],
  [/^has every character of /, (_m, t) => t('match.why.reordered')],
  [/^given name .* in the other order$/, (_m, t) => t('match.why.swapped')],
  [/^(suffix|region) .* differs from /, (m, t) => t(`match.why.${m[1]}` as MessageKey)],
];

/** What kind of match the first reason names: the label a close hit carries. */
function closeLabel(reasons: string[]): MessageKey {
  const first = reasons[0] ?? '';
  if (first.startsWith('identifier ')) return 'match.identifier';
  if (reasons.some((r) => r.startsWith('former name '))) return 'match.former';
  const exact = /^(han|pinyin|latin|initials) .* matches exactly$/.exec(first);
  if (exact) return exact[1] === 'han' ? 'match.name' : (`match.${exact[1]}` as MessageKey);
  if (first.startsWith('shares ')) return 'match.tokens';
  return 'match.similar';
}

/**
 * A hit's match in words: its label follows the hit's `close` flag (a close hit says how it
 * matched; any other is a partial match), then each reason in the reader's language.
 */
export function matchWords(
  hit: { close: boolean; reasons: string[] },
  t: Translate,
): { label: string; why: string[] } {
  const label = t(hit.close ? closeLabel(hit.reasons) : 'match.partial');
  const why = hit.reasons.flatMap((reason) => {
    for (const [pattern, say] of REASONS) {
      const m = reason.match(pattern);
      if (m) {
        const text = say(m, t);
        return text && text !== label ? [text] : [];
      }
    }
    return []; // a reason the portal has no words for is left out rather than shown in English
  });
  return { label, why };
}
