// `node --import ./module-log.mjs …`: writes each module the process loads to stderr as
// `LOADED <url>`, so that a test can tell what a command loaded
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(
    'export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }',
  )}`,
);
