/**
 * The baseline of the serve benchmarks: a bare Fastify server (no logger, no plugins, no hooks)
 * with one route that returns a constant JSON body, read once from a file; with a worker count
 * above 1, that many such servers under node:cluster on one port, as `serve --workers` runs.
 * Usage: tsx bench/serve-bare.ts <body.json> [workers]; prints `serving at <url>` once all
 * listen, serves until SIGTERM.
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const workers = Number(process.argv[3] ?? 1);

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i += 1)
    cluster.fork().on('message', (url: string) => {
      if (++listening === workers) process.stdout.write(`serving at ${url}\n`);
    });
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  });
} else {
  const body = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as object;
  const app = Fastify();
  app.get('/bare', async () => body);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.once('SIGTERM', () => void app.close());
  if (cluster.isWorker) process.send!(url);
  else process.stdout.write(`serving at ${url}\n`);
}
