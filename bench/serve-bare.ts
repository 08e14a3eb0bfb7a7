/**
 * The baseline of the serve benchmark: a bare Fastify server (no logger, no plugins, no hooks)
 * with one route that returns a constant JSON body, read once from a file.
 * Usage: tsx bench/serve-bare.ts <body.json>; prints `serving at <url>`, serves until SIGTERM.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as object;
const app = Fastify();
app.get('/bare', async () => body);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.once('SIGTERM', () => void app.close());
process.stdout.write(`serving at ${url}\n`);
