/** What `serve --demo` and `demo keys` print: the demo's keys, and where to start looking. */
import type { DemoAccount } from '../../services/demo/demo-accounts.js';
import { STORY } from '../../services/demo/story-cast.js';

/** One line a key: role, key, whose account it is. */
export function renderKeys(accounts: readonly DemoAccount[]): string {
  return accounts.map((a) => `  ${a.role.padEnd(11)} ${a.apiKey}  (${a.name})\n`).join('');
}

const OPEN = [STORY.debtor, STORY.performed, STORY.repairs, STORY.kept] as const;

/** A few searches and subjects to open in the portal, and commands to try, for the demo. */
export function renderGuide(url: string): string {
  const lines = [
    'Try in the portal:',
    `  search 示例 (the demo's story firms), hengyuan maoyi, or 深圳 科技`,
    ...OPEN.map((s) => `  ${url}/subjects/${s.identifier}  ${s.name}: ${s.shows}`),
    'or on the command line:',
    `  npx credence subject show ${STORY.debtor.identifier} --purpose supervision`,
    `  npx credence check ${STORY.debtor.identifier} rail.g_train_ticket`,
    `  npx credence report ${STORY.expired.identifier}`,
    'Show the keys again: npx credence demo keys',
  ];
  return `${lines.join('\n')}\n`;
}
