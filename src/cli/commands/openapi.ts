import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { configOf } from '../context.js';
import { action } from '../run.js';

export function registerOpenApi(program: Command): void {
  program
    .command('openapi')
    .description('print (or write) the HTTP API’s OpenAPI 3.1 document')
    .option('--out <file>', 'write it here (the repository keeps it in docs/openapi.json)')
    .action(
      action(async (o: { out?: string }, cmd: Command) => {
        const { openApiDocument, openApiText } = await import('../../http/openapi.js');
        const text = openApiText(await openApiDocument(configOf(cmd).catalogDir));
        if (o.out) await writeFile(o.out, text);
        else process.stdout.write(text);
      }),
    );
}
