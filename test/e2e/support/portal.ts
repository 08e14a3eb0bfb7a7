import type { Page } from 'playwright-core';
import type { Store } from '../../../src/store/store.js';
import { type ApiWorld, apiWorld } from '../../http/support.js';

export {
  type AxeViolation,
  launchBrowser,
  newPage,
  screenshot,
  seriousViolations,
} from './browser.js';

export interface PortalWorld extends ApiWorld {
  /** where the real server listens, e.g. http://127.0.0.1:40123 */
  url: string;
}

/**
 * The API and the built portal on a real port, over the test world of test/http/support.ts
 * (fixed clock, the test authorities, an account of every role). The caller closes `app`.
 */
export async function startPortal(store: Store): Promise<PortalWorld> {
  const world = await apiWorld(store);
  const url = await world.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...world, url };
}

/** Logs in through the portal's own form with an API key. */
export async function logIn(page: Page, url: string, apiKey: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.locator('#api-key').fill(apiKey);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
