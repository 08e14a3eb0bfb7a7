import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isIsoDate } from '../../domain/dates.js';
import type { CsvValue } from '../../services/csv-cells.js';
import { CredenceError } from '../../errors.js';
import { SUBJECT_KINDS, type SubjectKind } from '../../domain/subject.js';
import { DEFAULT_THRESHOLD, MAX_BATCH } from '../../services/search/screening-limits.js';
import type { ScreenQuery } from '../../services/search/screening.service.js';
import { consoleReader, withServices } from '../context.js';
import { progress } from '../progress.js';
import { action } from '../run.js';

type Row = Record<string, string | undefined>;

const YEAR = /^(1[89]|20)\d{2}$/;

/**
 * A CSV row as a query, or the reason it is not one; a person's birth year from its column, or
 * else the one `--birth-year` gives every row that has no birth date.
 */
function toQuery(row: Row, birthYearOfAll?: number): ScreenQuery | string {
  const name = row.name?.trim();
  const identifiers = (row.identifier ?? row.identifiers ?? '')
    .split('|')
    .map((i) => i.trim())
    .filter(Boolean);
  if (!name && identifiers.length === 0) return 'name or identifier: give at least one';
  const kind = row.kind?.trim();
  if (kind && !(SUBJECT_KINDS as readonly string[]).includes(kind))
    return `kind: one of ${SUBJECT_KINDS.join(', ')}`;
  const birthDate = row.birth_date?.trim();
  if (birthDate && !isIsoDate(birthDate)) return 'birth_date: a date is written YYYY-MM-DD';
  const year = row.birth_year?.trim();
  if (year && !YEAR.test(year)) return 'birth_year: a year is written YYYY';
  const birthYear = year ? Number(year) : birthDate ? undefined : birthYearOfAll;
  const region = row.region?.trim();
  if (region && !/^\d{2,6}$/.test(region))
    return 'region: a division code or prefix, 2 to 6 digits';
  return {
    ...(name ? { name } : {}),
    ...(identifiers.length ? { identifiers } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(birthYear !== undefined ? { birthYear } : {}),
    ...(region ? { region } : {}),
    ...(kind ? { kind: kind as SubjectKind } : {}),
  };
}

const HEADER = [
  'line',
  'query',
  'rank',
  'candidate',
  'kind',
  'identifiers',
  'score',
  'hit',
  'features',
  'list_entries',
  'error',
];

export function registerScreen(program: Command): void {
  program
    .command('screen <file>')
    .description(
      'screen a CSV of subjects (columns name, identifier, birth_date, birth_year, region, kind) against the registry; writes scored candidates to <file>.screened.csv',
    )
    .option('--out <file>', 'where to write the results')
    .option('--threshold <score>', 'candidates at or above it are hits', String(DEFAULT_THRESHOLD))
    .option(
      '--purpose <id>',
      'the catalog purpose persons are screened for (without one, persons are no candidates and rows about a person are refused); each person answered lands in its inquiry log',
    )
    .option(
      '--birth-year <year>',
      'the birth year of the persons screened, for rows with no birth_date or birth_year of their own (needs --purpose)',
    )
    .option('--actor <name>', 'who screens, as the inquiry logs name it', 'operator')
    .action(
      action(
        async (
          file: string,
          o: {
            out?: string;
            threshold: string;
            purpose?: string;
            birthYear?: string;
            actor: string;
          },
          cmd: Command,
        ) => {
          if (o.birthYear !== undefined && !YEAR.test(o.birthYear))
            throw new CredenceError(
              'BIRTH_YEAR_INVALID',
              `--birth-year ${o.birthYear}: a year is written YYYY`,
              {
                field: 'birth-year',
              },
            );
          const birthYear = o.birthYear === undefined ? undefined : Number(o.birthYear);
          const [{ parse }, { stringify }, { formulaSafe }, { screen }] = await Promise.all([
            import('csv-parse/sync'),
            import('csv-stringify/sync'),
            import('../../services/csv-cells.js'),
            import('../../services/search/screening.service.js'),
          ]);
          const rows = parse(await readFile(file), {
            columns: true,
            bom: true,
            skip_empty_lines: true,
            trim: true,
          }) as Row[];
          const threshold = Number(o.threshold);
          const out: CsvValue[][] = [HEADER];
          const bar = progress('screen');
          let hits = 0;
          let bad = 0;
          await withServices(cmd, async (deps) => {
            for (let start = 0; start < rows.length; start += MAX_BATCH) {
              // the header is line 1: row i is on line i + 2
              const batch = rows.slice(start, start + MAX_BATCH).map((row, i) => ({
                line: start + i + 2,
                row,
                query: toQuery(row, birthYear),
              }));
              const valid = batch.filter((b) => typeof b.query !== 'string');
              const results = valid.length
                ? await screen(
                    deps,
                    valid.map((b) => b.query as ScreenQuery),
                    {
                      reader: consoleReader(o.actor),
                      ...(o.purpose === undefined ? {} : { purpose: o.purpose }),
                    },
                    threshold,
                  )
                : [];
              for (const b of batch) {
                const label = b.row.name || b.row.identifier || '';
                if (typeof b.query === 'string') {
                  bad++;
                  out.push([b.line, label, '', '', '', '', '', '', '', '', b.query]);
                  continue;
                }
                const result = results[valid.indexOf(b)]!;
                if (result.candidates.some((c) => c.hit)) hits++;
                if (result.candidates.length === 0)
                  out.push([b.line, label, '', '', '', '', '', '', '', '', '']);
                result.candidates.forEach((c, rank) =>
                  out.push([
                    b.line,
                    label,
                    rank + 1,
                    c.name,
                    c.kind,
                    c.identifiers.map((i) => i.value).join(' '),
                    c.score,
                    c.hit ? 'true' : 'false',
                    c.features
                      .map((f) => `${f.feature} ${f.outcome} ${f.effect}: ${f.detail}`)
                      .join(' | '),
                    c.listEntries
                      .map((e) => `${e.listName} (${e.listType}) until ${e.endsOn ?? 'performed'}`)
                      .join(' | '),
                    '',
                  ]),
                );
              }
              bar.update(
                Math.min(rows.length, start + MAX_BATCH),
                rows.length,
                `${hits} with a hit`,
              );
            }
          });
          bar.stop();
          const target = o.out ?? `${file}.screened.csv`;
          // names and identifiers come from the screened file and the registry: written formula-safe
          await writeFile(target, stringify(out.map((row) => row.map(formulaSafe))));
          process.stdout.write(
            `${rows.length} rows screened: ${hits} with a hit at ${threshold}, ${bad} rejected; results in ${target}\n`,
          );
        },
      ),
    );
}
