import { addBeijingMarket, credence, spawnServer } from '../support/cli.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPRESENTATIVE } from '../support/lists.js';
import { tempDir } from '../support/import-files.js';
import { BEIJING_MARKET, penalty } from '../support/registry.js';

function cli(db: string, ...args: string[]): string {
  const result = credence(db, ...args);
  if (result.code !== 0) throw new Error(`credence ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const keyOf = (stdout: string): string => /api key: (\S+)/.exec(stdout)?.[1] ?? '';

describe('credence serve, driven over a real socket', () => {
  it(
    'takes a furnisher’s submission, shows the masked public view and the subject its own file, then stops on SIGTERM',
    { timeout: 60_000 },
    async () => {
      const db = join(tempDir(), 'serve.db');
      addBeijingMarket(db);
      const furnisher = keyOf(
        cli(
          db,
          'account',
          'add',
          '--name',
          'penalty desk',
          '--role',
          'furnisher',
          '--authority',
          BEIJING_MARKET,
        ),
      );
      const operator = keyOf(
        cli(
          db,
          'account',
          'add',
          '--name',
          'operator',
          '--role',
          'operator',
          '--authority',
          BEIJING_MARKET,
        ),
      );

      const { server, base, exited } = await spawnServer(db);
      try {
        const call = async (path: string, key?: string, body?: object) => {
          const res = await fetch(`${base}${path}`, {
            method: body ? 'POST' : 'GET',
            headers: {
              ...(key ? { authorization: `Bearer ${key}` } : {}),
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          return {
            status: res.status,
            body: (await res.json()) as Record<string, unknown>,
          };
        };

        const bad = await call(
          '/v1/records',
          furnisher,
          penalty({ subject_identifier: '91110000600037341N' }),
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error).toMatchObject({
          code: 'USCC_CHECKSUM',
          field: 'subject_identifier',
        });

        const submitted = await call(
          '/v1/records',
          furnisher,
          penalty({
            subject_identifier: REPRESENTATIVE,
            subject_name: '李四',
            source_ref: 'P-PERSON-1',
          }),
        );
        expect(submitted.status).toBe(201);

        // a person is found by the full number together with the name
        const view = await call(
          `/v1/subjects/${REPRESENTATIVE}?name=${encodeURIComponent('李四')}`,
        );
        expect(view.status).toBe(200);
        const text = JSON.stringify(view.body);
        expect(text).not.toContain(REPRESENTATIVE);
        expect(view.body.subject).toMatchObject({
          kind: 'person',
          identifiers: [
            {
              scheme: 'ric',
              value: `${REPRESENTATIVE.slice(0, 6)}************`,
              masked: true,
            },
          ],
        });
        expect((view.body.records as unknown[]).length).toBe(1);

        const account = await call('/v1/accounts', operator, {
          name: '李四',
          role: 'subject',
          subject: REPRESENTATIVE,
        });
        expect(account.status).toBe(201);
        const token = await call('/v1/tokens', account.body.apiKey as string, {});
        expect(token.status).toBe(201);
        const own = await call(`/v1/subjects/${REPRESENTATIVE}/file`, token.body.token as string);
        expect(own.status).toBe(200);
        expect(own.body).toMatchObject({ purpose: 'subject_own', subject: { kind: 'person' } });
        expect(JSON.stringify(own.body)).toContain(REPRESENTATIVE);
        const log = await call(
          `/v1/subjects/${REPRESENTATIVE}/inquiries`,
          token.body.token as string,
        );
        expect((log.body.items as Array<{ purpose: string }>).map((i) => i.purpose)).toEqual([
          'subject_own',
        ]);
      } finally {
        server.kill('SIGTERM');
      }
      expect((await exited).code).toBe(0);
    },
  );
});
