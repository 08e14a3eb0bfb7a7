import { credence } from '../support/cli.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/import-files.js';
import { courtRecord } from '../support/lists.js';
import { NATIONAL_COURT, PERSON } from '../support/registry.js';

describe('credence lists and check', () => {
  it('walks a person through proposal, notice, waiver and decision, answers the check, and follows the feed', () => {
    const dir = tempDir();
    const db = join(dir, 'lists.db');
    const ok = (r: ReturnType<typeof credence>) => {
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    ok(
      credence(
        db,
        'authority',
        'add',
        NATIONAL_COURT,
        '--name',
        '最高人民法院',
        '--domains',
        'judicial',
        '--regions',
        '000000',
      ),
    );
    const record = courtRecord({ decision_date: '2026-01-05' });
    const file = join(dir, 'court.jsonl');
    writeFileSync(file, `${JSON.stringify(record)}\n`);
    expect(ok(credence(db, 'import', file))).toContain('1 created');

    const act = ['--authority', NATIONAL_COURT, '--reason', 'enforcement ruling'];
    const proposed = ok(
      credence(db, 'lists', 'propose', PERSON, '--list', 'consumption_restriction', ...act),
    );
    const entry = /entry (lst_\S+)/.exec(proposed)![1]!;
    expect(proposed).toContain('consumption_restriction  PROPOSED');
    expect(ok(credence(db, 'lists', 'notice', entry, ...act))).toContain(
      'case may be stated until',
    );

    const early = credence(db, 'lists', 'decide', entry, ...act);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('error LIST_NOTICE_PERIOD_OPEN');

    ok(credence(db, 'lists', 'waive', entry, '--reason', 'waived in writing'));
    expect(ok(credence(db, 'lists', 'decide', entry, ...act))).toContain('EFFECTIVE');

    // the waiver reads as the subject's, recorded by an officer, not as a second notice
    const shownEntries = ok(credence(db, 'lists', 'show', PERSON));
    expect(shownEntries).toContain('notice period waived by the subject, recorded by officer');
    expect(shownEntries).not.toContain('noticed by subject');
    const asJson = JSON.parse(ok(credence(db, 'lists', 'show', PERSON, '--json'))) as {
      entries: { entry: { id: string }; history: unknown[] }[];
    };
    expect(asJson.entries.map((e) => [e.entry.id, e.history.length])).toEqual([[entry, 4]]);
    // an entry that lasts until the subject performs has no period to extend
    const extended = credence(db, 'lists', 'extend', entry, '--by', 'P1Y', ...act);
    expect(extended.code).toBe(1);
    expect(extended.stderr).toContain('has no fixed period');
    const authorities = JSON.parse(ok(credence(db, 'authority', 'list', '--json'))) as {
      authorities: { id: string }[];
    };
    expect(authorities.authorities.map((a) => a.id)).toContain(NATIONAL_COURT);
    const verified = JSON.parse(ok(credence(db, 'audit', 'verify', '--json'))) as { ok: boolean };
    expect(verified.ok).toBe(true);

    const denied = ok(credence(db, 'check', PERSON, 'rail.g_train_ticket'));
    expect(denied).toMatch(/rail\.g_train_ticket for .*: DENY/);
    expect(denied).toContain(`entry ${entry} on consumption_restriction`);
    expect(denied).toContain('legal basis:');

    const feed = credence(db, 'lists', 'feed', '--since', '0');
    const kinds = feed.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds).toEqual(['propose', 'notice', 'notice', 'decide']);
    expect(feed.stderr).toContain('cursor 4');
    expect(ok(credence(db, 'lists', 'feed', '--since', '4')).trim()).toBe('');

    expect(ok(credence(db, 'subject', 'show', PERSON, '--purpose', 'supervision'))).toContain(
      'Measures in force',
    );
    expect(ok(credence(db, 'lists', 'sweep'))).toContain('swept: 0 expired');

    const unknown = credence(db, 'check', PERSON, 'social.post');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error MEASURE_ACTION_UNKNOWN (field action)');
  }, 240_000);
});
