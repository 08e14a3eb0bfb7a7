import { makeDirs } from '../../make-dirs.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CredenceError } from '../../errors.js';
import type { DemoAccount } from '../../services/demo/demo-accounts.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { Config } from '../../config.js';
import { withServingServices } from '../context.js';
import { action } from '../run.js';

interface ServeOptions {
  host?: string;
  port?: string;
  demo?: boolean;
  subjects: string;
  dir: string;
  workers: string;
}

// in demo mode the request log goes to a file, so the keys and the guide stay on the screen
const DEMO_LOG_FILE = 'serve.log';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (OpenAPI at /docs) until SIGINT or SIGTERM')
    .option('--host <host>', 'address to listen on (default: CREDENCE_HOST, else 127.0.0.1)')
    .option('--port <port>', 'port (default: CREDENCE_PORT, else 8080; 0 picks a free one)')
    .option(
      '--workers <n>',
      'server processes on the one port (node:cluster); jobs, rate limits and loops are shared through the store',
      '1',
    )
    .option('--demo', 'on an empty database, load the demo data set and create an account per role')
    .option('--subjects <n>', 'with --demo: subjects to generate', '1000')
    .option(
      '--dir <dir>',
      'with --demo: where the data file and the demo accounts are written',
      '.data',
    )
    .action(
      action(async (o: ServeOptions, cmd: Command) => {
        await withServingServices(cmd, async (deps, config) => {
          const port = o.port === undefined ? config.http.port : Number(o.port);
          if (!Number.isInteger(port) || port < 0 || port > 65_535) {
            throw new CredenceError('CONFIG_INVALID', '--port is an integer from 0 to 65535', {
              field: '--port',
            });
          }
          const workers = Number(o.workers);
          if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
            throw new CredenceError('CONFIG_INVALID', '--workers is an integer from 1 to 64', {
              field: '--workers',
            });
          }
          const cluster = await import('../../http/cluster.js');
          const worker = cluster.isServeWorker();
          // the primary loads the demo once; its workers find it there
          const demo = o.demo && !worker ? await demoAccounts(deps, o, config.importBatchSize) : [];
          const http = { ...config.http, host: o.host ?? config.http.host, port };
          const log = o.demo ? join(o.dir, DEMO_LOG_FILE) : undefined;
          if (log) makeDirs(o.dir);
          if (worker) return serveAsWorker(deps, http, config, log);
          let serving: { url: string; closed: Promise<unknown> };
          if (workers > 1) {
            serving = await cluster.serveWorkers(workers, config.http.jwtSecret, (line) =>
              process.stderr.write(`${line}\n`),
            );
          } else {
            const { serve } = await import('../../http/serve.js');
            serving = await serve(deps, http, config.importBatchSize, config.closeGraceMs, log, {
              shared: false,
              jobLeaseMs: config.jobLeaseMs,
            });
          }
          const processes = workers > 1 ? ` in ${workers} processes` : '';
          process.stdout.write(
            `Credence is serving ${deps.store.label} at ${serving.url}${processes}\n`,
          );
          process.stdout.write(`Web portal: ${serving.url}/\n`);
          process.stdout.write(`API documentation: ${serving.url}/docs\n`);
          if (log) process.stdout.write(`Request log: ${log} (tail -f ${log})\n`);
          if (demo.length > 0) {
            // the guide names the demo's story, which reads the division tables: not for --help
            const { renderGuide, renderKeys } = await import('../render/demo-guide.js');
            process.stdout.write(
              `Demo API keys (log in to the portal with one):\n${renderKeys(demo)}`,
            );
            process.stdout.write(
              `try: curl -H "Authorization: Bearer ${demo[0]?.apiKey}" ${serving.url}/v1/accounts/me\n`,
            );
            process.stdout.write(renderGuide(serving.url));
          }
          if ((await serving.closed) === false) process.exitCode = 1;
        });
      }),
    );
}

/** One process of `serve --workers`: a whole server on the shared store, reporting to the primary. */
async function serveAsWorker(
  deps: ServiceDeps,
  http: Config['http'],
  config: Config,
  log: string | undefined,
): Promise<void> {
  const [{ serve }, cluster] = await Promise.all([
    import('../../http/serve.js'),
    import('../../http/cluster.js'),
  ]);
  const serving = await serve(deps, http, config.importBatchSize, config.closeGraceMs, log, {
    shared: true,
    jobLeaseMs: config.jobLeaseMs,
  });
  const leave = cluster.stopWithPrimary(() => process.kill(process.pid, 'SIGTERM'));
  cluster.reportListening(serving.url);
  await serving.closed;
  leave();
}

/** The demo's accounts: created with the demo data on an empty database, read back on a restart. */
async function demoAccounts(
  deps: ServiceDeps,
  o: ServeOptions,
  batchSize: number,
): Promise<DemoAccount[]> {
  if ((await deps.store.counts()).subjects > 0) {
    const { readDemoAccounts } = await import('../../services/demo/demo-accounts.js');
    return readDemoAccounts(o.dir).catch(() => []);
  }
  const subjects = Number(o.subjects);
  if (!Number.isSafeInteger(subjects) || subjects < 1) {
    throw new CredenceError('FIELD_RANGE', '--subjects must be a whole number of at least 1', {
      field: '--subjects',
    });
  }
  process.stdout.write(`loading the demo data set (${subjects} subjects)…\n`);
  const [{ runDemo }, { createDemoAccounts, saveDemoAccounts }, { STORY }] = await Promise.all([
    import('../../services/demo/demo.service.js'),
    import('../../services/demo/demo-accounts.js'),
    import('../../services/demo/story-cast.js'),
  ]);
  await runDemo(deps, { subjects, seed: 42, dir: o.dir, format: 'csv', batchSize });
  // the subject account is the listed debtor's: its own file has an objection, inquiries, measures
  const accounts = await createDemoAccounts(deps, STORY.debtor.identifier);
  await saveDemoAccounts(o.dir, accounts);
  return accounts;
}
