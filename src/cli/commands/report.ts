import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { consoleReader, withServices } from '../context.js';
import { namesOf, renderOverview } from '../render/subject-file.js';
import { action } from '../run.js';

export function registerReport(program: Command): void {
  program
    .command('report <identifier>')
    .description(
      "the subject's own report: every record (restricted ones too), list entries, measures, ratings and who looked; logged as an inquiry",
    )
    .option('--as-of <date>', 'the report as things stood on this date (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .option('--html <file>', 'also write a printable HTML page')
    .option('--lang <lang>', 'the language of the printable page: zh or en', 'en')
    .option('--actor <actor>', 'who hands the report over, for the inquiry log', 'operator')
    .action(
      action(
        async (
          identifier: string,
          o: { asOf?: string; json?: boolean; html?: string; lang: string; actor: string },
          cmd: Command,
        ) => {
          // the console acts for the operator, on the subject's own request
          const reader = consoleReader(o.actor);
          const [{ ownReport }, { renderReportHtml }] = await Promise.all([
            import('../../services/reports/own-report.service.js'),
            import('../../services/reports/report-html.js'),
          ]);
          const lang = o.lang === 'zh' ? 'zh' : 'en';
          const [report, names, html] = await withServices(cmd, async (deps) => {
            const read = await ownReport(deps, reader, identifier, o.asOf);
            return [read, await namesOf(deps), renderReportHtml(read, deps.catalog, lang)] as const;
          });
          if (o.html) await writeFile(o.html, html);
          if (o.json) {
            process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
            return;
          }
          const log = report.inquiries.map(
            (q) =>
              `  ${q.at}  ${q.accountName}${q.authorityId ? ` (${names.authority(q.authorityId)})` : ''}  ${q.purpose}  ${q.read.recordIds.length} record(s), ${q.read.restricted.length} restricted${q.consent ? `  consent ${q.consent.document} of ${q.consent.date}: ${q.consent.scope}` : ''}`,
          );
          const objections = report.objections.map(
            (ob) =>
              `  ${ob.filedOn}  ${ob.item} ${ob.itemId}  ${ob.overdue ? 'OPEN, OVERDUE' : ob.state.toUpperCase()}  answer by ${ob.answerBy}${ob.reasons ? `: ${ob.reasons}` : ''}`,
          );
          const repairs = report.repairs.map(
            (r) =>
              `  ${r.filedOn}  ${r.item} ${r.itemId}  ${r.overdue ? `${r.state.toUpperCase()}, OVERDUE` : r.state.toUpperCase()}${r.dueBy ? `  due by ${r.dueBy}` : ''}${r.reasons ? `: ${r.reasons}` : ''}`,
          );
          process.stdout.write(
            `${renderOverview(report, names)}\nObjections: ${report.objections.length}\n${objections.map((l) => `${l}\n`).join('')}` +
              `\nCredit repair: ${report.repairs.length}\n${repairs.map((l) => `${l}\n`).join('')}` +
              `\nWho looked at this file: ${report.inquiries.length}\n${log.join('\n')}\n`,
          );
          if (o.html) process.stdout.write(`printable report: ${o.html}\n`);
        },
      ),
    );
}
