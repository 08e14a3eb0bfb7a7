import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './support/cli.js';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** A README command line: its words, the text its comment quotes in «», and where it stands. */
interface ReadmeCommand {
  line: number;
  text: string;
  args: string[];
  shows: string[];
}

// commands the test does not run, each with its reason; a placeholder (<…>, …) is never run
const NOT_RUN: Record<string, string> = {
  'npx credence demo --subjects 1000':
    'npm start loaded the demo already (1000 subjects take a minute)',
  'npx credence import records.csv': 'a file of the reader’s own',
  'npx credence check --batch checks.csv': 'a file of the reader’s own',
  'npx credence serve --port 8080': 'a server: npm start (serve --demo) is run here instead',
  'npx credence scorecard train ../shared/data/german-credit/german.data --target class --out models/':
    'a data set outside the repository',
  // the scorecard workflow on a file of the reader's own; test/services/scorecard-mapping.test.ts
  // and test/cli/scorecard-cli.test.ts run it on a file of that shape
  'npx credence scorecard train cards.csv --target default.payment.next.month --exclude ID --exclude SEX:"protected attribute" --exclude AGE:"protected attribute" --include PAY_0,PAY_2,LIMIT_BAL --map cards-map.yaml --id card_default --out models/':
    'a file of the reader’s own',
  'npx credence scorecard map models/card_default.yaml --map cards-map.yaml --publish':
    'the model the line before trains from the reader’s file',
  'npx credence --catalog catalogs/mine rate --model card_default':
    'a catalog of the reader’s own with that model',
};

/** Every `npx credence` line in the README's sh blocks, with the comment lines that follow it. */
function readmeCommands(): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  let inBlock = false;
  let continued = '';
  README.split('\n').forEach((line, i) => {
    // a line ending in a backslash goes on on the next, as in the shell
    if (line.endsWith('\\')) {
      continued += `${line.slice(0, -1).trim()} `;
      return;
    }
    const raw = continued ? continued + line.trim() : line;
    continued = '';
    if (/^```/.test(raw)) {
      inBlock = raw.startsWith('```sh');
      return;
    }
    if (!inBlock) return;
    const comment = commentOf(raw);
    const command = raw.slice(0, raw.length - comment.length).trim();
    const last = out[out.length - 1];
    if (command === '' && last && last.line === i) {
      // a comment that goes on under its command
      last.shows.push(...quoted(comment));
      last.line = i + 1;
    } else if (command.startsWith('npx credence ')) {
      out.push({
        line: i + 1,
        text: command,
        args: words(command).slice(2),
        shows: quoted(comment),
      });
    }
  });
  return out;
}

/** The `# …` part of a line, outside quotes. */
function commentOf(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(i);
  }
  return '';
}

const quoted = (comment: string): string[] => [...comment.matchAll(/«([^»]+)»/g)].map((m) => m[1]!);

/** Shell words: white space separates, single and double quotes group. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const isTemplate = (c: ReadmeCommand) => /[<…]/.test(c.text);

describe('the README, run against the demo that npm start loads', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let started = '';

  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credence-readme-'));
    // the README's commands name no --db: the store is the default one, as npm start's is
    env = { ...process.env, DATABASE_URL: join(dir, '.data', 'credence.db') };
    delete env.CREDENCE_CATALOG;
    delete env.CREDENCE_LOG_LEVEL;
    const server = spawn(
      process.execPath,
      [CLI, 'serve', '--demo', '--subjects', '120', '--port', '0'],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      server.on('exit', () => reject(new Error(`serve --demo exited early:\n${started}`)));
      createInterface({ input: server.stdout }).on('line', (line) => {
        started += `${line}\n`;
        if (line.startsWith('Show the keys again')) resolve();
      });
    });
    server.kill('SIGTERM');
    await exited;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm start prints the keys, where the request log goes and what to try, and no request log', () => {
    const lines = started.split('\n');
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(started).toContain(`Request log: ${join('.data', 'serve.log')}`);
    for (const role of ['operator', 'furnisher', 'decider', 'implementer', 'inquirer', 'subject'])
      expect(started).toMatch(new RegExp(`^  ${role} +cred_`, 'm'));
    expect(started).toContain('/subjects/91440305MA5DEM012M');
    expect(existsSync(join(dir, '.data', 'serve.log'))).toBe(true);
  });

  it('demo keys prints the same keys again', () => {
    const sut = run(['demo', 'keys']);
    expect(sut.code).toBe(0);
    const keys = (text: string) =>
      [...new Set([...text.matchAll(/cred_acc_[\w.-]+/g)].map((m) => m[0]))].sort();
    expect(keys(sut.stdout)).toEqual(keys(started));
    expect(keys(sut.stdout)).toHaveLength(6);
  });

  it('leaves out only placeholders and the commands it names, which are all in the README', () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThan(25);
    const texts = commands.map((c) => c.text);
    for (const named of Object.keys(NOT_RUN)) expect(texts).toContain(named);
    expect(commands.filter((c) => !isTemplate(c) && !NOT_RUN[c.text]).length).toBeGreaterThan(20);
  });

  it(
    'runs every other command line as written: exit code 0 and the text its comment quotes',
    { timeout: 420_000 },
    () => {
      const failures: string[] = [];
      for (const c of readmeCommands()) {
        if (isTemplate(c) || NOT_RUN[c.text]) continue;
        const sut = run(c.args);
        const missing = c.shows.filter((text) => !sut.stdout.includes(text));
        if (sut.code !== 0 || missing.length > 0)
          failures.push(
            `README line ${c.line}: ${c.text}\n  exit ${sut.code}; missing ${JSON.stringify(missing)}\n${sut.stderr}${sut.stdout.slice(0, 2000)}`,
          );
      }
      expect(failures.join('\n\n')).toBe('');
    },
  );
});
