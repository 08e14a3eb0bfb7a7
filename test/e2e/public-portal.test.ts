import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import { BEIJING_FIRM, PERSON, SHANGHAI_FIRM } from '../support/registry.js';
import {
  launchBrowser,
  newPage,
  type PortalWorld,
  screenshot,
  seriousViolations,
} from './support/portal.js';
import { startPortalWithListedFirm } from './support/listed-firm.js';
import { codesOnPage } from './support/no-codes.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import { addRelation, registerSubject } from '../../src/services/subjects/subjects.service.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe('the public portal in Chromium', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    // a firm on the court's list since April: in force on the portal's today (2026-06-15)
    world = await startPortalWithListedFirm(opened.store);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  it('finds a firm by a part of its name through the suggestions and opens its page', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await page.goto(world.url);
    await page.locator('input[name=q]').fill('北京测试');
    const option = page.getByRole('option').first();
    await expect.poll(() => option.textContent()).toContain('北京测试科技有限公司');
    await page.locator('input[name=q]').press('ArrowDown');
    await page.locator('input[name=q]').press('Enter');
    await page.waitForURL(`**/subjects/${BEIJING_FIRM}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('北京测试科技有限公司');
    const records = page.locator('#records');
    await expect.poll(() => records.textContent()).toContain('公示信息（1）');
    // the authority's name arrives with the names of the catalog, after the view itself
    const article = page.locator('article');
    await expect.poll(() => article.textContent()).toContain('北京市市场监督管理局');
    expect(await article.textContent()).toContain('行政处罚');
    await screenshot(page, 'public-subject-zh');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codesOnPage(page)).toEqual([]);
  });

  for (const [lang, width] of [
    ['zh', 1280],
    ['en', 390],
  ] as const) {
    it(`shows a blacklisted firm's court case, its list by colour and why it grades D (${lang}, ${width} px)`, async () => {
      const page = await newPage(browser, { lang, width });
      await page.goto(`${world.url}/?q=${encodeURIComponent('上海失信贸易')}&colour=black`);
      const hit = page.locator('ol.results > li').first();
      await expect.poll(() => hit.textContent()).toContain('上海失信贸易有限公司');
      expect(await hit.locator('.badge.black').textContent()).toBe(
        lang === 'zh' ? '黑名单 · 失信惩戒' : 'Blacklist · sanction',
      );
      if (lang === 'zh') expect(await codesOnPage(page)).toEqual([]);
      await hit.getByRole('link').click();
      await page.waitForURL(`**/subjects/${SHANGHAI_FIRM}`);
      const article = page.locator('article');
      // the court case is public while the listing is in force (SPEC 4.4)
      await expect.poll(() => article.textContent()).toContain('（2026）京0105执1号');
      expect(await article.textContent()).toContain('支付货款人民币100000元');
      await expect.poll(() => article.locator('.grade-reason').count()).toBeGreaterThan(0);
      const reason = (await article.locator('.grade-reason').first().textContent()) ?? '';
      expect(reason).toContain(lang === 'zh' ? '直接评定' : 'set directly');
      await article.locator('details summary').first().click();
      const table = article.locator('table.rating-table').first();
      expect(await table.textContent()).toContain(lang === 'zh' ? '失信被执行人' : 'Dishonest');
      expect(await table.textContent()).not.toMatch(/\b(?:rec|lst|sub)_/);
      await screenshot(page, `public-listed-firm-${lang}-${width}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (lang === 'zh') expect(await codesOnPage(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  it('opens a subject page from a link without moving what is already shown', async () => {
    const page = await newPage(browser, { lang: 'en' });
    // the layout shifts the browser reports while the page loads (Cumulative Layout Shift)
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>)
          w.shifts += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const started = Date.now();
    await page.goto(`${world.url}/subjects/${BEIJING_FIRM}`);
    await page.locator('#records').waitFor();
    console.log(`subject page shown ${Date.now() - started} ms after navigation (small store)`);
    await expect.poll(() => page.locator('#records').textContent()).toBe('Published records (1)');
    await expect.poll(() => page.locator('main').textContent()).toContain('Administrative penalty');
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    // 0.1 is the line between a good and a poor score
    expect(shifts).toBeLessThan(0.1);
  });

  it('lists results with reasons and filters, and switches to English and stays there', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await page.goto(`${world.url}/?q=${encodeURIComponent('测试科技')}`);
    const results = page.locator('ol.results > li');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    expect(await results.first().textContent()).toContain('北京测试科技有限公司');
    expect(await codesOnPage(page)).toEqual([]);
    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Look up a subject');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Look up a subject');
    // a person by the full ID number: the page asks for the name, then opens, the number masked
    await page.goto(`${world.url}/subjects/${PERSON}`);
    await page.getByLabel('Name').fill('张三');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('张三');
    const identity = (await page.locator('dl.facts').first().textContent()) ?? '';
    expect(identity).not.toContain(PERSON);
    expect(identity).toContain('masked');
    await screenshot(page, 'public-person-en');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the rules, with their legal basis, on a phone-width screen', async () => {
    const page = await newPage(browser, { lang: 'en', width: 390 });
    await page.goto(`${world.url}/catalog/list-types`);
    await expect.poll(() => page.locator('main section.card').count()).toBeGreaterThan(3);
    expect(await page.locator('main').textContent()).toContain('Legal basis');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'public-catalog-phone');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a Rongcheng credit village with the count and share behind it and the layer (zh and en)', async () => {
    const deps = world.deps;
    const village = makeUscc('N2371082', 'MA0CW001');
    await registerSubject(deps, { subject_identifier: village, subject_name: '示例东山村' }, 't');
    for (const n of [1, 2, 3]) {
      const household = makeRic('371082', '1970-01-01', 10 + n * 2);
      await registerSubject(deps, { subject_identifier: household, subject_name: `户主${n}` }, 't');
      await addRelation(
        deps,
        { subject: village, kind: 'village_household', other: household },
        't',
      );
    }
    await runRating(deps, { modelId: 'rongcheng_personal_points', actor: 't' });
    await runRating(deps, { modelId: 'rongcheng_credit_village', actor: 't' });
    const expected = {
      zh: ['信用村', '荣成市规则', '3 个成员户中 3 个（100%）', '标准为不低于 60%'],
      en: [
        'Credit village',
        'Rongcheng city rules',
        '3 of 3 member households (100%)',
        'the threshold is 60%',
      ],
    };
    for (const lang of ['zh', 'en'] as const) {
      const page = await newPage(browser, { lang });
      await page.goto(`${world.url}/subjects/${village}`);
      const ratings = page.locator('section[aria-labelledby=ratings]');
      await expect.poll(() => ratings.locator('.group-count').count()).toBe(1);
      const text = (await ratings.textContent()) ?? '';
      for (const words of expected[lang]) expect(text).toContain(words);
      // nothing of any one household
      expect(text).not.toContain('户主');
      await screenshot(page, `public-credit-village-${lang}`);
      if (lang === 'zh') expect(await codesOnPage(page)).toEqual([]);
      await page.close();
    }
  });
});
