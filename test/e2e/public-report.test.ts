import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submit } from '../http/support.js';
import { BACKENDS } from '../support/backends.js';
import { BEIJING_FIRM } from '../support/registry.js';
import {
  launchBrowser,
  logIn,
  newPage,
  type PortalWorld,
  screenshot,
  seriousViolations,
  startPortal,
} from './support/portal.js';
import { codesOnPage } from './support/no-codes.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
const WORDS = {
  zh: {
    download: '下载公共信用报告',
    verify: '验证',
    matches: '未被改动',
    differs: '不一致',
    none: '没有以该验证码出具的报告',
    done: '承诺已公示',
  },
  en: {
    download: 'Download the public credit report',
    verify: 'Verify',
    matches: 'unchanged',
    differs: 'is not the report issued',
    none: 'No report was issued',
    done: 'The commitment is published',
  },
} as const;

describe('public credit reports and commitments in Chromium', () => {
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

  const check = async (page: Page, lang: 'zh' | 'en', name: string) => {
    await screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
    if (lang === 'zh') expect(await codesOnPage(page)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflow, 'no sideways scrolling').toBe(false);
  };

  for (const [lang, width] of [
    ['zh', 1280],
    ['zh', 390],
    ['en', 1280],
    ['en', 390],
  ] as const) {
    it(`downloads a firm's report from its page and verifies it on /verify (${lang}, ${width} px)`, async () => {
      const words = WORDS[lang];
      const page = await newPage(browser, { lang, width });
      await page.goto(`${world.url}/subjects/${BEIJING_FIRM}`);
      const button = page.getByRole('button', { name: words.download });
      await button.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const file = await download.path();
      const html = await readFile(file, 'utf8');
      expect(html).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
      expect(html).toContain(lang === 'zh' ? '公共信用报告' : 'Public credit report');
      const code = /<strong>([0-9A-Z-]{23})<\/strong>/.exec(html)?.[1] ?? '';
      await expect.poll(() => page.getByRole('status').textContent()).toContain(code);
      await check(page, lang, `report-download-${lang}-${width}`);

      // the report as downloaded is the report issued
      await page
        .getByRole('link', { name: lang === 'zh' ? '验证报告' : 'Verify a report' })
        .click();
      await page.waitForURL('**/verify');
      await page.locator('#verify-code').fill(code.toLowerCase());
      await page.locator('#verify-file').setInputFiles(file);
      await page.getByRole('button', { name: words.verify, exact: true }).click();
      const result = page.locator('#verify-result');
      await result.waitFor();
      expect(await page.locator('article').textContent()).toContain(words.matches);
      expect(await page.locator('article').textContent()).toContain('北京测试科技有限公司');
      await check(page, lang, `verify-match-${lang}-${width}`);

      // a changed copy is not
      const tampered = join(tmpdir(), `tampered-${lang}-${width}.html`);
      await writeFile(tampered, html.replace('北京测试科技有限公司', '北京别的有限公司'));
      await page.locator('#verify-file').setInputFiles(tampered);
      await page.getByRole('button', { name: words.verify, exact: true }).click();
      await expect.poll(() => page.locator('article').textContent()).toContain(words.differs);
      await check(page, lang, `verify-tampered-${lang}-${width}`);

      // a code never issued
      await page.locator('#verify-code').fill('AB3CD-EF5GH-JK7MN-PQ9RS');
      await page.locator('#verify-file').setInputFiles([]);
      await page.getByRole('button', { name: words.verify, exact: true }).click();
      await expect.poll(() => page.locator('article').textContent()).toContain(words.none);
      await check(page, lang, `verify-unknown-${lang}-${width}`);
      await page.context().close();
    });
  }

  for (const [lang, width] of [
    ['zh', 1280],
    ['en', 390],
  ] as const) {
    it(`lets the firm make a credit commitment in self-service, published at once (${lang}, ${width} px)`, async () => {
      const page = await newPage(browser, { lang, width });
      await logIn(page, world.url, world.keys.subject);
      await page.goto(`${world.url}/me/commitments/new`);
      const radios = page.locator('input[name=template]');
      await radios.first().waitFor();
      await radios.nth(lang === 'zh' ? 1 : 2).check();
      await check(page, lang, `commitment-form-${lang}-${width}`);
      await page.locator('#commitment-term').selectOption({ index: 1 });
      await page.locator('form button[type=submit]').click();
      await page.locator('#commitment-done').waitFor();
      expect(await page.locator('#commitment-done').textContent()).toContain(WORDS[lang].done);
      await check(page, lang, `commitment-done-${lang}-${width}`);
      await page
        .getByRole('link', { name: lang === 'zh' ? '查看公示信息' : 'See what the public sees' })
        .click();
      await page.waitForURL(`**/subjects/${BEIJING_FIRM}`);
      await expect
        .poll(() => page.locator('article').textContent())
        .toContain(lang === 'zh' ? '信用承诺' : 'Credit commitment');
      await check(page, lang, `commitment-public-${lang}-${width}`);
      await page.context().close();
    });
  }
});
