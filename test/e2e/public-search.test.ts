import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import { BEIJING_FIRM, PERSON } from '../support/registry.js';
import { submit } from '../http/support.js';
import {
  launchBrowser,
  newPage,
  type PortalWorld,
  screenshot,
  seriousViolations,
  startPortal,
} from './support/portal.js';
import { codesOnPage } from './support/no-codes.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

/** Types a query into the home page's search field and runs it with Enter. */
async function searchFor(page: Page, url: string, q: string): Promise<void> {
  await page.goto(url);
  const field = page.locator('input[name=q]');
  await field.fill(q);
  await field.press('Enter');
}

/** axe, and in Chinese mode the scan for internal codes and untranslated English. */
async function checkPage(page: Page, lang: 'zh' | 'en'): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  if (lang === 'zh') expect(await codesOnPage(page)).toEqual([]);
}

describe('searching in the public portal (issue 18)', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortal(opened.store);
    expect((await submit(world)).statusCode).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`opens the subject an exact identifier names, not a list of results (${lang})`, async () => {
      const page = await newPage(browser, { lang });
      // typed as people copy it: lower case, with spaces around
      await searchFor(page, world.url, ` ${BEIJING_FIRM.toLowerCase()} `);
      await page.waitForURL(`**/subjects/${BEIJING_FIRM}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('北京测试科技有限公司');
      expect(await page.locator('ol.results').count()).toBe(0);
      await checkPage(page, lang);
      // Back returns to the page before the search, not to a search that opens the firm again
      await page.goBack();
      await expect.poll(() => new URL(page.url()).search).toBe('');
    });

    it(`asks a resident ID number for the name and opens the person with both (${lang})`, async () => {
      const page = await newPage(browser, { lang });
      await searchFor(page, world.url, PERSON);
      const name = page.locator('#person-name');
      await name.waitFor();
      // the number alone finds nobody in public (SPEC 4.9): no result list, no "no match" either
      expect(await page.locator('.no-close-match').count()).toBe(0);
      await checkPage(page, lang);
      await name.fill('张三');
      await page.locator('#person-name').press('Enter');
      await expect.poll(() => page.locator('h1').textContent()).toBe('张三');
      expect((await page.locator('dl.facts').first().textContent()) ?? '').not.toContain(PERSON);
    });

    it(`says so above the results when nothing is close to the query (${lang})`, async () => {
      const page = await newPage(browser, { lang });
      // it shares 科技 with 北京测试科技有限公司, and nothing else
      const q = '华强科技';
      await searchFor(page, world.url, q);
      const note = page.locator('.no-close-match');
      await expect
        .poll(() => note.textContent())
        .toBe(lang === 'zh' ? `没有找到与“${q}”相近的结果。` : `No close match for “${q}”.`);
      // the loose hits are still listed, below the note
      const results = page.locator('ol.results > li');
      expect(await results.count()).toBeGreaterThan(0);
      const noteFirst = await page.evaluate(() => {
        const shown = document.querySelector('.no-close-match');
        const list = document.querySelector('ol.results');
        return !!shown && !!list && !!(shown.compareDocumentPosition(list) & 4);
      });
      expect(noteFirst).toBe(true);
      expect(await results.first().locator('.match .badge').textContent()).toBe(
        lang === 'zh' ? '部分相似' : 'partial match',
      );
      await screenshot(page, `public-search-no-close-match-${lang}`);
      await checkPage(page, lang);
      // a part of a name, every word of it found, is close though its score is low (0.52)
      await searchFor(page, world.url, '测试');
      await expect.poll(() => page.locator('ol.results > li').count()).toBeGreaterThan(0);
      expect(await note.count()).toBe(0);
      // and its label says so, following the close flag, not the score: in the reader's words
      expect(await page.locator('ol.results > li .match .badge').first().textContent()).toBe(
        lang === 'zh' ? '包含全部查询词' : 'every word of the query',
      );
      await checkPage(page, lang);
    });

    it(`closes the suggestions when the search runs (${lang})`, async () => {
      const page = await newPage(browser, { lang });
      await page.goto(world.url);
      const field = page.locator('input[name=q]');
      await field.fill('北京测试');
      const list = page.getByRole('listbox');
      await expect.poll(() => list.isVisible()).toBe(true);
      await field.press('Enter');
      await expect.poll(() => page.locator('ol.results > li').count()).toBeGreaterThan(0);
      expect(await list.isVisible()).toBe(false);
      expect(await field.getAttribute('aria-expanded')).toBe('false');
      // and stay closed: a suggestion request still under way does not reopen them
      await page.waitForTimeout(400);
      expect(await list.isVisible()).toBe(false);
      // typing again offers them again
      await field.fill('北京测试科');
      await expect.poll(() => list.isVisible()).toBe(true);
      await screenshot(page, `public-search-results-${lang}`);
      await field.press('Escape');
      await checkPage(page, lang);
    });
  }
});
