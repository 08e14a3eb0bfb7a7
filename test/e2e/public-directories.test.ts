import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import {
  courtRecord,
  firmRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
} from '../support/lists.js';
import { addRelation } from '../../src/services/subjects/subjects.service.js';
import { BEIJING_MARKET, NATIONAL_COURT, PERSON, SHANGHAI_FIRM } from '../support/registry.js';
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
const WIDTHS = [1280, 390] as const;
const LANGS = ['zh', 'en'] as const;
/** a loaded 2-core machine can take more than the default second */
const WAIT = { timeout: 10_000 };

/** what every page the tests visit must pass: axe, no codes in Chinese, no sideways scroll */
async function checkPage(page: Page, lang: 'zh' | 'en', name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
  if (lang === 'zh') expect(await codesOnPage(page)).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the public directories in Chromium', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortal(opened.store);
    // a public penalty of the Beijing firm, and the firm commended (a redlist)
    expect((await submit(world)).statusCode).toBe(201);
    const commended = firmRecord('commendation', {
      authority: BEIJING_MARKET,
      source_ref: 'H-1',
      honour: '全国守合同重信用企业',
      level: 'national',
    });
    expect((await submit(world, commended)).statusCode).toBe(201);
    // a firm on the court's list since April: in force on the portal's today (2026-06-15)
    await registerListAuthorities(world.deps);
    await listThroughDecision(
      on(world.deps, '2026-04-02'),
      courtRecord({
        subject_identifier: SHANGHAI_FIRM,
        subject_name: '上海失信贸易有限公司',
        decision_date: '2026-04-01',
      }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
    // and a person on it, whose number the directory masks
    await listThroughDecision(
      on(world.deps, '2026-04-02'),
      courtRecord({ source_ref: 'C-P', decision_date: '2026-04-01' }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
    // the firm's legal representative, as its registration names him (the header shows it)
    await addRelation(
      world.deps,
      {
        subject: SHANGHAI_FIRM,
        kind: 'legal_representative',
        other: PERSON,
        basis: '沪市监登字〔2026〕第0001号',
      },
      'registrar',
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  for (const lang of LANGS)
    for (const width of WIDTHS) {
      it(`goes from the home page to a blacklisted firm's court case, list entry and grade without typing (${lang}, ${width} px)`, async () => {
        const page = await newPage(browser, { lang, width });
        await page.goto(world.url);
        await page
          .getByRole('link', {
            name: lang === 'zh' ? '查看现行有效的黑名单、警示名单和红名单' : /blacklists, warning/,
          })
          .click();
        await page.waitForURL('**/lists');
        const rows = page.locator('ol.directory > li');
        await expect.poll(() => rows.count(), WAIT).toBe(3);
        await checkPage(page, lang, `public-lists-${lang}-${width}`);

        // only the blacklists: the commended firm is not among them
        await page.locator('#dir-colour').selectOption('black');
        await page
          .getByRole('button', { name: lang === 'zh' ? '筛选' : 'Filter', exact: true })
          .click();
        await page.waitForURL('**/lists?colour=black');
        await expect.poll(() => rows.count(), WAIT).toBe(2);
        const firm = rows.filter({ hasText: '上海失信贸易有限公司' });
        expect(await firm.locator('.badge.black').textContent()).toBe(
          lang === 'zh' ? '黑名单 · 失信惩戒' : 'Blacklist · sanction',
        );
        const text = (await firm.textContent()) ?? '';
        expect(text).toContain(lang === 'zh' ? '失信被执行人' : 'Dishonest');
        expect(text).toContain('最高人民法院');
        // the person is there, masked, with no page to open
        const person = rows.filter({ hasText: '张三' });
        expect(await person.textContent()).toContain('440113');
        expect(await person.getByRole('link').count()).toBe(0);
        await checkPage(page, lang, `public-lists-black-${lang}-${width}`);

        await firm.getByRole('link', { name: '上海失信贸易有限公司' }).click();
        await page.waitForURL(`**/subjects/${SHANGHAI_FIRM}`);
        const article = page.locator('article');
        await expect.poll(() => article.textContent(), WAIT).toContain('（2026）京0105执1号');
        expect(await article.locator('#entries').textContent()).toMatch(/1/);
        await expect.poll(() => article.locator('.grade-reason').count(), WAIT).toBeGreaterThan(0);
        expect(await article.locator('.grade-reason').first().textContent()).toContain(
          lang === 'zh' ? '直接评定' : 'set directly',
        );
        expect(await page.locator('dl.facts').first().textContent()).toContain(
          lang === 'zh' ? '登记管理部门工商' : 'Registration authoritymarket regulation',
        );
        await expect
          .poll(() => page.locator('dl.facts').first().textContent(), WAIT)
          .toContain(lang === 'zh' ? '法定代表人张三' : 'Legal representative张三');
        expect(await page.locator('dl.facts').first().textContent()).not.toContain(PERSON);
        // tabs with counts; the timeline readable at phone width (as a list of dates)
        const tabs = (await page.locator('nav.subject-tabs').textContent()) ?? '';
        expect(tabs).toContain(
          lang === 'zh' ? '失信和警示名单（1）' : 'Blacklists and warning lists (1)',
        );
        expect(tabs).toContain(
          lang === 'zh' ? '红名单和表彰（0）' : 'Redlists and commendations (0)',
        );
        expect(await page.locator('.timeline-list').isVisible()).toBe(width === 390);
        expect(await page.locator('svg.chart').isVisible()).toBe(width !== 390);
        await checkPage(page, lang, `public-lists-to-firm-${lang}-${width}`);
      });

      it(`shows a redlist entry as a commendation, never a sanction (${lang}, ${width} px)`, async () => {
        const page = await newPage(browser, { lang, width });
        await page.goto(`${world.url}/lists?colour=red`);
        const rows = page.locator('ol.directory > li');
        await expect.poll(() => rows.count(), WAIT).toBe(1);
        expect(await rows.first().textContent()).toContain('北京测试科技有限公司');
        expect(await rows.first().locator('.badge.red').textContent()).toBe(
          lang === 'zh' ? '红名单 · 守信激励' : 'Redlist · commendation',
        );
        expect(await rows.first().locator('.badge.black').count()).toBe(0);
        await checkPage(page, lang, `public-lists-red-${lang}-${width}`);
      });

      it(`lists the latest public licences and penalties, filtered by kind (${lang}, ${width} px)`, async () => {
        const page = await newPage(browser, { lang, width });
        await page.goto(world.url);
        await page
          .getByRole('link', {
            name: lang === 'zh' ? '查看最新公示的行政许可和行政处罚（双公示）' : /latest public/,
          })
          .click();
        await page.waitForURL('**/disclosures');
        const rows = page.locator('ol.directory > li');
        await expect.poll(() => rows.count(), WAIT).toBe(1);
        const text = (await rows.first().textContent()) ?? '';
        expect(text).toContain('北京测试科技有限公司');
        expect(text).toContain('京市监罚〔2026〕101号');
        expect(text).toContain('北京市市场监督管理局');
        await page.locator('#dir-kind').selectOption('licence');
        await page
          .getByRole('button', { name: lang === 'zh' ? '筛选' : 'Filter', exact: true })
          .click();
        await page.waitForURL('**/disclosures?kind=licence');
        await expect
          .poll(() => page.locator('main').textContent())
          .toContain(lang === 'zh' ? '没有符合条件的信息' : 'Nothing matches');
        await page.goto(`${world.url}/disclosures?kind=penalty`);
        await expect.poll(() => rows.count(), WAIT).toBe(1);
        await checkPage(page, lang, `public-disclosures-${lang}-${width}`);
      });
    }
});
