import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { FieldDef, RecordType } from '../../src/domain/catalog.js';
import { validateFields } from '../../src/domain/fields.js';
import { formatMinor } from '../../src/domain/money.js';
import { parseMoney } from '../../src/domain/money-parse.js';

const field = (name: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label: { zh: name, en: name },
  type,
  required: false,
  ...extra,
});

const recordType = (fields: FieldDef[]): RecordType => ({
  id: 'sample',
  name: { zh: '样例', en: 'Sample' },
  description: { zh: '每种字段各一个的信息类型', en: 'a record type with one field of every type' },
  domains: ['any'],
  subjectKinds: ['business'],
  disclosure: 'public',
  publication: { kind: 'always' },
  adverse: false,
  legalBasis: [{ title: 'a law' }],
  fields,
});

const sut = recordType([
  field('title', 'string', { required: true, maxLength: 5 }),
  field('code', 'string', { pattern: '^[A-Z]{2}\\d+$' }),
  field('notes', 'text'),
  field('count', 'integer', { min: 1, max: 10 }),
  field('share', 'decimal', { scale: 2, min: 0, max: 100 }),
  field('fine', 'money'),
  field('fee', 'money', { max: 10_000 }),
  field('start', 'date'),
  field('end', 'date', { notBefore: 'start' }),
  field('kept', 'boolean'),
  field('grade', 'enum', { values: ['A', 'B'] }),
  field('classes', 'enum_list', { values: ['warning', 'fine', 'detention'] }),
]);

/** validates one field on top of the required title */
const one = (name: string, value: unknown) => validateFields(sut, { title: 'ok', [name]: value });
const problemOf = (name: string, value: unknown) => one(name, value).problems[0];

describe('validateFields', () => {
  it('accepts a full CSV row of text and types every value', () => {
    const result = validateFields(sut, {
      title: ' abc ',
      code: 'AB12',
      notes: 'line one\nline two',
      count: '7',
      share: '12.5',
      fine: '1234.5',
      fee: '0.01',
      start: '2025-01-31',
      end: '2025-02-01',
      kept: 'yes',
      grade: 'A',
      classes: 'warning|fine',
    });
    expect(result.problems).toEqual([]);
    expect(result.fields).toEqual({
      title: 'abc',
      code: 'AB12',
      notes: 'line one\nline two',
      count: 7,
      share: 12.5,
      start: '2025-01-31',
      end: '2025-02-01',
      kept: true,
      grade: 'A',
      classes: ['warning', 'fine'],
    });
    expect(result.amounts).toEqual([
      { field: 'fine', minor: 123450, currency: 'CNY' },
      { field: 'fee', minor: 1, currency: 'CNY' },
    ]);
  });

  it('accepts typed JSON values', () => {
    const result = validateFields(sut, {
      title: 'abc',
      count: 3,
      share: 9.99,
      fine: 100.25,
      kept: false,
      classes: ['detention', 'fine'],
      currency: 'USD',
    });
    expect(result.problems).toEqual([]);
    expect(result.fields).toMatchObject({
      count: 3,
      share: 9.99,
      kept: false,
      classes: ['detention', 'fine'],
    });
    expect(result.amounts).toEqual([{ field: 'fine', minor: 10025, currency: 'USD' }]);
  });

  it('treats empty strings and null as absent and reports required fields', () => {
    const result = validateFields(sut, { title: '  ', count: '', fine: null });
    expect(result.problems).toEqual([
      { field: 'title', code: 'FIELD_REQUIRED', message: 'title is required for sample' },
    ]);
    expect(result.fields).toEqual({});
  });

  it('reports unknown fields but ignores empty columns of other types', () => {
    const result = validateFields(sut, { title: 'x', colour: 'red', other_type_column: '' });
    expect(result.problems).toEqual([
      expect.objectContaining({ field: 'colour', code: 'FIELD_UNKNOWN' }),
    ]);
  });

  it('reports every problem of a row, each naming its field and rule', () => {
    const result = validateFields(sut, {
      title: 'too long',
      count: 'x',
      grade: 'Z',
      start: '2025-02-30',
    });
    expect(result.problems.map((p) => [p.field, p.code])).toEqual([
      ['title', 'FIELD_RANGE'],
      ['count', 'FIELD_TYPE'],
      ['start', 'DATE_INVALID'],
      ['grade', 'FIELD_ENUM'],
    ]);
    expect(result.problems.every((p) => p.message.startsWith(p.field))).toBe(true);
  });

  describe('string and text', () => {
    it('checks the pattern', () => {
      expect(problemOf('code', 'ab12')).toMatchObject({ code: 'FIELD_PATTERN' });
      expect(problemOf('code', 'AB12')).toBeUndefined();
    });
    it('counts characters, not bytes, for maxLength', () => {
      expect(one('title', '行政处罚书').problems).toEqual([]);
      expect(problemOf('title', '行政处罚决定')).toMatchObject({ code: 'FIELD_RANGE' });
    });
    it('keeps a string to one line but lets text span lines', () => {
      expect(problemOf('code', 'AB1\nCD2')).toMatchObject({ code: 'FIELD_TYPE' });
      expect(problemOf('notes', 'a\nb')).toBeUndefined();
    });
    it('rejects an object', () => {
      expect(problemOf('notes', { a: 1 })).toMatchObject({ code: 'FIELD_TYPE' });
    });
  });

  describe('integer and decimal', () => {
    it.each(['3', '+3', 3])('accepts %j as an integer', (v) =>
      expect(one('count', v).fields.count).toBe(3),
    );
    it.each(['3.5', '1e1', 'three', 3.5, true])('rejects %j as an integer', (v) =>
      expect(problemOf('count', v)).toMatchObject({ code: 'FIELD_TYPE' }),
    );
    it('checks integer bounds', () => {
      expect(problemOf('count', '0')).toMatchObject({
        code: 'FIELD_RANGE',
        message: 'count 0 is below the minimum 1',
      });
      expect(problemOf('count', 11)).toMatchObject({ code: 'FIELD_RANGE' });
    });
    it('checks decimal places and bounds', () => {
      expect(one('share', '10.50').fields.share).toBe(10.5);
      expect(problemOf('share', '10.555')).toMatchObject({ code: 'FIELD_RANGE' });
      expect(problemOf('share', '100.01')).toMatchObject({ code: 'FIELD_RANGE' });
      expect(problemOf('share', 'ten')).toMatchObject({ code: 'FIELD_TYPE' });
    });
  });

  describe('money', () => {
    it.each([
      ['1234.5', 123450],
      ['0.01', 1],
      ['0', 0],
      ['1234.50', 123450],
      ['1.230', 123],
      [' 7 ', 700],
      [19.99, 1999],
      [0.29, 29],
      ['90071992547409.91', 9007199254740991],
    ])('converts %j yuan to %i fen', (input, minor) => {
      expect(one('fine', input).amounts).toEqual([{ field: 'fine', minor, currency: 'CNY' }]);
    });
    it.each([
      '1.234',
      '-1',
      'abc',
      '1,000',
      '.5',
      '5.',
      '1e3',
      0.1 + 0.2,
      '90071992547409.92',
      -0.5,
    ])('rejects %j', (input) =>
      expect(problemOf('fine', input)).toMatchObject({ field: 'fine', code: 'AMOUNT_INVALID' }),
    );
    it('says why an amount is rejected', () => {
      expect(problemOf('fine', '1.234')?.message).toContain('more than 2 decimal places');
      expect(problemOf('fine', '-1')?.message).toContain('negative');
    });
    it('checks bounds in minor units', () => {
      expect(problemOf('fee', '100.01')).toMatchObject({ code: 'FIELD_RANGE' });
      expect(one('fee', '100').problems).toEqual([]);
    });
    it('rejects a currency that is not 3 upper-case letters', () => {
      const result = one('fine', '5');
      expect(result.amounts[0]?.currency).toBe('CNY');
      expect(validateFields(sut, { title: 'x', fine: '5', currency: 'rmb' }).problems).toEqual([
        expect.objectContaining({ field: 'currency', code: 'CURRENCY_INVALID' }),
      ]);
    });
    it('round-trips through formatMinor', () => {
      for (const minor of [0, 1, 10, 123450, 9007199254740991]) {
        expect(parseMoney(formatMinor(minor))).toEqual({ ok: true, minor });
      }
    });
  });

  describe('date', () => {
    it('accepts real dates only', () => {
      expect(one('start', '2024-02-29').fields.start).toBe('2024-02-29');
      expect(problemOf('start', '2023-02-29')).toMatchObject({ code: 'DATE_INVALID' });
      expect(problemOf('start', '2024/01/01')).toMatchObject({ code: 'DATE_INVALID' });
    });
    it('reports a date before the date it may not precede', () => {
      expect(
        validateFields(sut, { title: 'x', start: '2025-03-01', end: '2025-02-28' }).problems,
      ).toEqual([expect.objectContaining({ field: 'end', code: 'DATE_ORDER' })]);
    });
  });

  describe('boolean', () => {
    it.each([
      ['true', true],
      ['FALSE', false],
      ['yes', true],
      ['no', false],
      ['1', true],
      ['0', false],
      [1, true],
      [false, false],
    ])('reads %j as %s', (input, value) => expect(one('kept', input).fields.kept).toBe(value));
    it('rejects other words', () =>
      expect(problemOf('kept', 'maybe')).toMatchObject({ code: 'FIELD_TYPE' }));
  });

  describe('enum and enum_list', () => {
    it('rejects a value outside the enum and names the allowed ones', () => {
      expect(problemOf('grade', 'a')).toMatchObject({
        code: 'FIELD_ENUM',
        message: 'grade "a" is not one of A, B',
      });
    });
    it('splits a list on | or ; and drops blanks and repeats', () => {
      expect(one('classes', 'warning; fine|warning||').fields.classes).toEqual(['warning', 'fine']);
    });
    it('names every value outside the list', () => {
      expect(problemOf('classes', 'warning|caning|exile')).toMatchObject({
        code: 'FIELD_ENUM',
        message: expect.stringContaining('"caning", "exile"'),
      });
    });
    it('treats an empty list as absent', () => {
      const required = recordType([
        field('classes', 'enum_list', { values: ['a'], required: true }),
      ]);
      expect(validateFields(required, { classes: [] }).problems).toEqual([
        expect.objectContaining({ code: 'FIELD_REQUIRED' }),
      ]);
    });
    it('rejects a list with a value that is not text', () => {
      expect(problemOf('classes', ['fine', 3])).toMatchObject({ code: 'FIELD_TYPE' });
    });
  });
});

describe('validateFields with the default catalog', () => {
  it('accepts an administrative penalty row as a furnisher writes it', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
    const penalty = catalog.recordTypes.get('admin_penalty')!;
    const result = validateFields(penalty, {
      violation_type: '未按规定公示食品经营许可信息',
      penalty_classes: 'warning|fine|confiscation',
      fine_amount: '50000',
      confiscation_amount: '1234.56',
      basis_provision: '《中华人民共和国食品安全法》第一百二十六条',
    });
    expect(result.problems).toEqual([]);
    expect(result.amounts.map((a) => a.minor)).toEqual([5_000_000, 123_456]);
  });

  it('checks Chinese enforcement case numbers', async () => {
    const court = (await loadCatalog(DEFAULT_CATALOG_DIR)).recordTypes.get('court_enforcement')!;
    const row = (case_number: string) => ({
      case_number,
      basis_document: '（2023）京0105民初5678号',
      basis_issuer: '北京市朝阳区人民法院',
      obligation: '支付货款100000元',
      performance: 'none',
      circumstances: 'able_but_refuses',
    });
    for (const good of ['（2024）京0105执1234号', '(2023)沪01执恢56号', '（2022）最高法执监12号']) {
      expect(validateFields(court, row(good)).problems, good).toEqual([]);
    }
    for (const bad of ['2024京0105执1234号', '（2024）京0105民初1234号', '（24）京0105执1号']) {
      expect(validateFields(court, row(bad)).problems, bad).toEqual([
        expect.objectContaining({ field: 'case_number', code: 'FIELD_PATTERN' }),
      ]);
    }
  });
});
