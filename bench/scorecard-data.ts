/**
 * A synthetic labelled file in the layout of the public credit-card default data (30,000 rows:
 * ID, 23 characteristics with upper-case names, a 0/1 default flag), for the trainer's benchmark.
 * Deterministic: the same rows every time.
 */
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../src/domain/scorecard/shuffle.js';

export const CARD_HEADER = [
  'ID',
  'LIMIT_BAL',
  'SEX',
  'EDUCATION',
  'MARRIAGE',
  'AGE',
  'PAY_0',
  'PAY_2',
  'PAY_3',
  'PAY_4',
  'PAY_5',
  'PAY_6',
  ...[1, 2, 3, 4, 5, 6].map((i) => `BILL_AMT${i}`),
  ...[1, 2, 3, 4, 5, 6].map((i) => `PAY_AMT${i}`),
  'default.payment.next.month',
];

/** One row: payment delays drive the default odds, as in the real data. */
export function cardRow(i: number, next: () => number): string[] {
  const limit = Math.round(10 + next() * 490) * 1000;
  const delay = Math.max(-2, Math.min(8, Math.round(next() * 4 - 2 + (next() < 0.2 ? 2 : 0))));
  const delays = [
    delay,
    ...[2, 3, 4, 5, 6].map(() => Math.max(-2, delay + Math.round(next() * 2 - 1))),
  ];
  const bills = [1, 2, 3, 4, 5, 6].map(() => Math.round(next() * limit * 0.9));
  const paid = bills.map((b) => Math.round(b * next() * (delay > 0 ? 0.05 : 0.3)));
  const age = 21 + Math.floor(next() * 50);
  const logit = -1.6 + 0.7 * Math.max(0, delay) - limit / 500_000 + (age < 25 ? 0.3 : 0);
  const bad = next() < 1 / (1 + Math.exp(-logit));
  return [
    String(i + 1),
    String(limit),
    String(1 + Math.floor(next() * 2)),
    String(1 + Math.floor(next() * 4)),
    String(1 + Math.floor(next() * 3)),
    String(age),
    ...delays.map(String),
    ...bills.map(String),
    ...paid.map(String),
    bad ? '1' : '0',
  ];
}

/** Writes `rows` rows with the header to `path`. */
export async function writeCardFile(path: string, rows: number, seed = 7): Promise<void> {
  const next = seededRandom(seed);
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${CARD_HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i++) await write(`${cardRow(i, next).join(',')}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}
