import { ApiError } from '../../../api';
import type { Lang } from '../../../i18n';

/** One thing the API (or the form's own required check) found wrong, by the field it names. */
export interface Problem {
  field: string;
  code?: string;
  message: string;
}

/** `penalty_classes.0` and `fields.x` name the form's `penalty_classes` and `x`. */
export const formFieldOf = (path: string): string =>
  path.replace(/^(body|fields)\./, '').split('.')[0] ?? path;

// the API lists every problem as "field: CODE: message" (a schema problem as "field: message")
const LISTED = /^([^:\s]+): (?:([A-Z][A-Z0-9_]+): )?([\s\S]*)$/;

/**
 * Every problem of a 4xx answer, or none when the answer names no field; in Chinese each with its
 * rule in Chinese (`problemsZh`, `ruleZh`), in English with the server's message.
 */
export function problemsOf(error: unknown, lang: Lang, unknownZh: string): Problem[] {
  if (!(error instanceof ApiError) || error.status >= 500) return [];
  const zh = lang === 'zh';
  const listed = error.details?.[zh ? 'problemsZh' : 'problems'];
  const parsed = (Array.isArray(listed) ? listed : []).flatMap((line): Problem[] => {
    const m = typeof line === 'string' ? LISTED.exec(line) : null;
    return m ? [{ field: formFieldOf(m[1]!), code: m[2], message: m[3]! }] : [];
  });
  if (parsed.length > 0) return parsed;
  return error.field
    ? [
        {
          field: formFieldOf(error.field),
          code: error.code,
          message: zh ? (error.ruleZh ?? unknownZh) : error.message,
        },
      ]
    : [];
}
