import type { ErrorCode } from '../errors.js';
import type { FieldDef } from './catalog.js';
import { isIsoDate } from './dates.js';
import { kindOf, parseMoney } from './money-parse.js';
import type { FieldValue } from './record.js';

/** Parsing one field value by its catalog type; validateFields in fields.ts drives it. */

export type ParsedValue =
  { ok: true; value: FieldValue } | { ok: false; code: ErrorCode; message: string };
type Parsed = ParsedValue;

const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
};

const patterns = new Map<string, RegExp>();
const compiled = (pattern: string): RegExp => {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
  return re;
};

const typeError = (message: string): Parsed => ({ ok: false, code: 'FIELD_TYPE', message });
const rangeError = (message: string): Parsed => ({ ok: false, code: 'FIELD_RANGE', message });

/**
 * Parses one present value by its field type. Money comes back as minor units; the
 * message leaves out the field name, which the caller puts first.
 */
export function parseFieldValue(def: FieldDef, raw: unknown): Parsed {
  switch (def.type) {
    case 'string':
    case 'text':
      return parseText(def, raw);
    case 'integer':
      return inRange(def, parseInteger(raw));
    case 'decimal':
      return inRange(def, parseDecimal(raw, def.scale ?? 2));
    case 'money': {
      const money = parseMoney(raw);
      if (!money.ok)
        return {
          ok: false,
          code: 'AMOUNT_INVALID',
          message: `${money.message}: amounts are non-negative yuan with at most 2 decimal places`,
        };
      return inRange(def, { ok: true, value: money.minor }, ' fen');
    }
    case 'date': {
      const text = typeof raw === 'string' ? raw.trim() : null;
      if (text !== null && isIsoDate(text)) return { ok: true, value: text };
      return {
        ok: false,
        code: 'DATE_INVALID',
        message: `"${String(raw)}" is not a real date written YYYY-MM-DD`,
      };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const key =
        typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase() : '';
      const value = BOOLEANS[key];
      return value === undefined
        ? typeError(`"${String(raw)}" is not a boolean (true/false, yes/no, 1/0)`)
        : { ok: true, value };
    }
    case 'enum': {
      const text = typeof raw === 'string' ? raw.trim() : null;
      if (text === null) return typeError(`is a ${kindOf(raw)}, not one of ${allowed(def)}`);
      return def.values?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, code: 'FIELD_ENUM', message: `"${text}" is not one of ${allowed(def)}` };
    }
    case 'enum_list':
      return parseEnumList(def, raw);
  }
}

function parseText(def: FieldDef, raw: unknown): Parsed {
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) {
    return typeError(`is a ${kindOf(raw)}, not text`);
  }
  const text = String(raw).trim();
  if (def.type === 'string' && /[\r\n]/.test(text))
    return typeError('is one line of text; it contains a line break');
  const length = [...text].length;
  if (def.maxLength !== undefined && length > def.maxLength) {
    return rangeError(`has ${length} characters; at most ${def.maxLength} are allowed`);
  }
  if (def.pattern && !compiled(def.pattern).test(text)) {
    return {
      ok: false,
      code: 'FIELD_PATTERN',
      message: `"${text}" does not match the pattern ${def.pattern}`,
    };
  }
  return { ok: true, value: text };
}

function parseInteger(raw: unknown): Parsed {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
  if (text === null || !/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    return typeError(`"${String(raw)}" is not a whole number`);
  }
  return { ok: true, value: Number(text) };
}

function parseDecimal(raw: unknown, scale: number): Parsed {
  const text =
    typeof raw === 'number' && Number.isFinite(raw)
      ? String(raw)
      : typeof raw === 'string'
        ? raw.trim()
        : '';
  const m = /^[+-]?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return typeError(`"${String(raw)}" is not a decimal number`);
  if ((m[1] ?? '').replace(/0+$/, '').length > scale) {
    return rangeError(`"${text}" has more than ${scale} decimal places`);
  }
  return { ok: true, value: Number(text) };
}

function inRange(def: FieldDef, parsed: Parsed, unit = ''): Parsed {
  if (!parsed.ok || typeof parsed.value !== 'number') return parsed;
  const v = parsed.value;
  if (def.min !== undefined && v < def.min)
    return rangeError(`${v}${unit} is below the minimum ${def.min}${unit}`);
  if (def.max !== undefined && v > def.max)
    return rangeError(`${v}${unit} is above the maximum ${def.max}${unit}`);
  return parsed;
}

function parseEnumList(def: FieldDef, raw: unknown): Parsed {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === 'string') items = raw.split(/[|;]/);
  else return typeError(`is a ${kindOf(raw)}, not a list (separate values with | or ;)`);
  if (items.some((v) => typeof v !== 'string')) return typeError('has a value that is not text');
  const values = [...new Set((items as string[]).map((v) => v.trim()).filter((v) => v !== ''))];
  const bad = values.filter((v) => !def.values?.includes(v));
  if (bad.length > 0) {
    return {
      ok: false,
      code: 'FIELD_ENUM',
      message: `has ${bad.map((v) => `"${v}"`).join(', ')}, not in ${allowed(def)}`,
    };
  }
  return { ok: true, value: values };
}

const allowed = (def: FieldDef): string => (def.values ?? []).join(', ');
