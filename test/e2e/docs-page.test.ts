import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import { launchBrowser, newPage, type PortalWorld, startPortal } from './support/portal.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe('the API documentation at /docs in Chromium', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortal(opened.store);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  it('renders every operation under its content security policy, with nothing refused', async () => {
    const page = await newPage(browser);
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
    const res = await page.goto(`${world.url}/docs/`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    expect(refused).toEqual([]);
  });
});
