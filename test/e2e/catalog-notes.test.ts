import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import { SHANGHAI_FIRM } from '../support/registry.js';
import {
  launchBrowser,
  newPage,
  type PortalWorld,
  screenshot,
  seriousViolations,
} from './support/portal.js';
import { startPortalWithListedFirm } from './support/listed-firm.js';
import { codesOnPage } from './support/no-codes.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

const COURT_RULES = '最高人民法院关于公布失信被执行人名单信息的若干规定（法释〔2017〕7号）';

/** per catalog section: a provision note and a description as a Chinese reader reads them */
const CHINESE = {
  'record-types': ['第六条（记载和公布的信息）', '公共机构授予的荣誉或者表彰。'],
  'list-types': [
    `《${COURT_RULES}》第一条（六种失信情形）`,
    '在最高人民法院失信被执行人名单上公布',
  ],
  measures: ['第三条第（六）项 旅游、度假', '属于对被执行人的九类限制消费措施之一。'],
  'rating-models': [
    '第十六条（不良信息自不良行为或者事件终止之日起保存五年）',
    '城市建立的个人信用积分',
  ],
} as const;

// the grade names of the city score are its own words in either language (AAA to D)
const GRADE_NAMES = new Set(['English: AAA']);

describe('the catalog’s notes and descriptions in the reader’s language (issue 18)', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortalWithListedFirm(opened.store);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  for (const [section, [note, description]] of Object.entries(CHINESE)) {
    it(`shows the ${section} page in Chinese: provision notes and descriptions, no codes`, async () => {
      const page = await newPage(browser, { lang: 'zh' });
      await page.goto(`${world.url}/catalog/${section}`);
      const main = page.locator('main');
      await expect.poll(() => main.locator('section.card').count()).toBeGreaterThan(2);
      expect(await main.textContent()).toContain(note);
      expect(await main.textContent()).toContain(description);
      // no English note is shown beside the Chinese one
      expect(await main.textContent()).not.toMatch(/\bArt\. \d/);
      await screenshot(page, `catalog-notes-zh-${section}`);
      expect(await seriousViolations(page)).toEqual([]);
      expect((await codesOnPage(page)).filter((c) => !GRADE_NAMES.has(c))).toEqual([]);
    });
  }

  it('shows the English notes and descriptions in English mode', async () => {
    const page = await newPage(browser, { lang: 'en', width: 390 });
    await page.goto(`${world.url}/catalog/list-types`);
    const main = page.locator('main');
    await expect.poll(() => main.locator('section.card').count()).toBeGreaterThan(2);
    expect(await main.textContent()).toContain(
      `《${COURT_RULES}》Art. 1 (the six dishonest circumstances)`,
    );
    expect(await main.textContent()).toContain("Published on the Supreme People's Court list");
    expect(await main.textContent()).not.toContain('第一条（六种失信情形）');
    await screenshot(page, 'catalog-notes-en-list-types-390');
  });

  it('shows a listed firm’s list entry with its Chinese provision notes', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await page.goto(`${world.url}/subjects/${SHANGHAI_FIRM}`);
    const article = page.locator('article');
    await expect.poll(() => article.textContent()).toContain('（2026）京0105执1号');
    const text = (await article.textContent()) ?? '';
    expect(text).toContain(`《${COURT_RULES}》第一条（六种失信情形）`);
    expect(text).toContain(`《${COURT_RULES}》第十条（三个工作日内删除）及第十二条（纠正申请）`);
    expect(text).toContain('《中华人民共和国民事诉讼法》执行措施（公布不履行义务的信息）');
    await screenshot(page, 'listed-firm-notes-zh');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codesOnPage(page)).toEqual([]);
  });
});
