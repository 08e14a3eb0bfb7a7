import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { auth } from '../http/support.js';
import { BACKENDS } from '../support/backends.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { courtRecord } from '../support/lists.js';
import { BEIJING_FIRM, NATIONAL_COURT, penalty, PERSON } from '../support/registry.js';
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

/** the firm's USCC with its check character changed: the API refuses it (USCC_CHECKSUM) */
const BAD_USCC = `${BEIJING_FIRM.slice(0, -1)}N`;

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the officer console for furnishers and implementers in Chromium', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  /** the person on the dishonest judgment debtors list from today, through the API */
  async function listPerson() {
    const call = async (url: string, key: string, payload: object) => {
      const res = await world.app.inject({ method: 'POST', url, headers: auth(key), payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: string };
    };
    const clerk = await createAccount(
      world.deps,
      { name: 'court clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    await call('/v1/records', clerk.apiKey, courtRecord());
    const entry = await call('/v1/list-entries', world.keys.decider, {
      subject: PERSON,
      list: 'dishonest_judgment_debtors',
      reason: '有履行能力而拒不履行',
    });
    const step = `/v1/list-entries/${entry.id}`;
    await call(`${step}/notice`, world.keys.decider, { reason: '告知拟列入' });
    await call(`${step}/waiver`, world.personKey, { reason: '放弃陈述申辩' });
    await call(`${step}/decision`, world.keys.decider, { reason: '决定列入' });
  }

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortal(opened.store);
    await listPerson();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  it('submits a penalty through the catalog form, showing the API’s error beside the identifier', async () => {
    const page = await newPage(browser, { lang: 'en' });
    await logIn(page, world.url, world.keys.furnisher);
    await page.getByRole('link', { name: 'Submit a record' }).click();
    await page.locator('#record-type').selectOption('admin_penalty');
    // the type's own fields come from the catalog
    await expect.poll(() => page.getByLabel('Violation type').count()).toBe(1);

    const identifier = page.getByLabel('Subject identifier');
    await identifier.fill(BAD_USCC);
    await page.getByLabel('Subject name', { exact: true }).fill('北京测试科技有限公司');
    await page.getByLabel('Legal basis').fill('中华人民共和国行政处罚法 第九条');
    await page.getByLabel('Document number').fill('京市监罚〔2026〕202号');
    await page.getByLabel('Decision date').fill('2026-06-01');
    await page.getByLabel('Severity').selectOption('general');
    await page.getByLabel('Facts').fill('虚假宣传');
    await page.getByLabel('Your reference').fill('WEB-2026-0001');
    await page.getByLabel('Violation type').fill('虚假宣传');
    await page.locator('input[name=penalty_classes][value=fine]').check();
    // an option reads as its catalog words, not its value
    const classes = page
      .locator('fieldset')
      .filter({ has: page.locator('[name=penalty_classes]') });
    expect(await classes.textContent()).toContain('Fine');
    expect(await classes.textContent()).not.toMatch(/\bfine\b|licence_suspension/);
    await page.locator('#f-fine_amount').fill('20000.00');
    await page.getByLabel('Provision applied for the penalty').fill('反不正当竞争法 第二十条');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();

    await expect.poll(() => identifier.getAttribute('aria-invalid')).toBe('true');
    const message = page.locator('#f-subject_identifier-error');
    expect(await message.textContent()).toContain('the check character should be L, not N');
    expect(await identifier.getAttribute('aria-describedby')).toContain(
      'f-subject_identifier-error',
    );
    const summary = page.getByRole('alert').filter({ hasText: 'did not accept' });
    expect(await summary.textContent()).toContain('USCC_CHECKSUM');
    // the summary takes the focus, and its link takes it on to the field
    expect(await page.evaluate(() => document.activeElement?.className)).toContain(
      'problem-summary',
    );
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-subject_identifier');
    await screenshot(page, 'console-furnish-error-en');
    expect(await seriousViolations(page)).toEqual([]);

    await identifier.fill(BEIJING_FIRM);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const stored = page.locator('.card.success');
    await expect.poll(() => stored.locator('h2').textContent()).toBe('Stored');
    const text = (await stored.textContent()) ?? '';
    expect(text).toContain('Record id');
    expect(text).toContain('Version1');
    expect(text).toContain('京市监罚〔2026〕202号');
    await screenshot(page, 'console-furnish-stored-en');
    expect(await seriousViolations(page)).toEqual([]);

    await stored.getByRole('link', { name: 'See the subject’s public page' }).click();
    await page.waitForURL(`**/subjects/${BEIJING_FIRM}`);
    const records = page.locator('#records');
    await expect.poll(() => records.textContent()).toContain('records (1)');
    expect(await page.locator('article').textContent()).toContain('京市监罚〔2026〕202号');
  });

  it('in Chinese, shows a server error as its Chinese rule, never as a raw code (issue 18)', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await page.goto(`${world.url}/login`);
    await page.locator('#api-key').fill('ck_not-a-key-the-registry-issued');
    await page.locator('form button[type=submit]').click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(ERRORS.AUTH_INVALID.zh);
    const text = (await alert.textContent()) ?? '';
    expect(text).not.toContain('AUTH_INVALID');
    expect(text).not.toContain(ERRORS.AUTH_INVALID.rule);
    // the no-codes scan finds nothing of the error's own text
    const found = await codesOnPage(page);
    expect(found.filter((f) => text.includes(f.slice(f.indexOf(': ') + 2)))).toEqual([]);
    await screenshot(page, 'login-error-zh');
    expect(await seriousViolations(page)).toEqual([]);

    // in English, the English message as before
    const en = await newPage(browser, { lang: 'en' });
    await en.goto(`${world.url}/login`);
    await en.locator('#api-key').fill('ck_not-a-key-the-registry-issued');
    await en.locator('form button[type=submit]').click();
    await expect
      .poll(() => en.getByRole('alert').textContent())
      .toContain(ERRORS.AUTH_INVALID.rule);
  });

  it('in Chinese, lists a rejected record’s problems by field label and Chinese rule, without codes', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await logIn(page, world.url, world.keys.furnisher);
    await page.getByRole('link', { name: '报送一条信息' }).click();
    await page.locator('#record-type').selectOption('admin_penalty');
    await expect.poll(() => page.locator('#f-violation_type').count()).toBe(1);
    const fill = (name: string, value: string) => page.locator(`#f-${name}`).fill(value);
    await fill('subject_identifier', BAD_USCC);
    await fill('subject_name', '北京测试科技有限公司');
    await fill('legal_basis', '中华人民共和国行政处罚法 第九条');
    await fill('document_number', '京市监罚〔2026〕203号');
    await fill('decision_date', '2026-06-01');
    await page.locator('#f-severity').selectOption('general');
    await fill('facts', '虚假宣传');
    await fill('source_ref', 'WEB-2026-0002');
    await fill('violation_type', '虚假宣传');
    await page.locator('input[name=penalty_classes][value=fine]').check();
    await fill('fine_amount', '20000.00');
    await fill('basis_provision', '反不正当竞争法 第二十条');
    await page.getByRole('button', { name: '报送', exact: true }).click();

    const summary = page.getByRole('alert').filter({ hasText: '平台未接收' });
    await expect.poll(() => summary.textContent()).toContain(ERRORS.USCC_CHECKSUM.zh);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('主体标识');
    expect(text).not.toContain('USCC_CHECKSUM');
    expect(text).not.toContain('subject_identifier');
    expect(await page.locator('#f-subject_identifier-error').textContent()).toBe(
      ERRORS.USCC_CHECKSUM.zh,
    );
    await screenshot(page, 'console-furnish-error-zh');
    expect(await codesOnPage(page)).toEqual([]);
  });

  it('imports a file with a good and a bad row: progress, counts and the error report', async () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'penalties.csv', [
      penaltyRows(1)[0]!,
      penalty({ source_ref: 'BAD-1', decision_date: '2026-02-30' }),
    ]);
    const page = await newPage(browser, { lang: 'zh' });
    page.setDefaultTimeout(10_000);
    await logIn(page, world.url, world.keys.furnisher);
    // a link, not a reload: the token's expiry is on the test world's fixed clock
    await page.getByRole('link', { name: '批量导入' }).click();
    await expect
      .poll(() => page.locator('pre.example').textContent())
      .toContain('subject_identifier,subject_name,type,source_ref');
    await page.getByLabel('导入文件（CSV 或 JSONL 格式）').setInputFiles(file);
    await page.getByRole('button', { name: '上传并导入' }).click();

    const status = page.getByRole('status').filter({ hasText: '导入' });
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('导入完成。');
    const progress = page.locator('#import-progress');
    expect(await progress.evaluate((p: HTMLProgressElement) => p.value === p.max)).toBe(true);
    const summary = (await page.locator('dl.facts').textContent()) ?? '';
    expect(summary).toContain('总行数2');
    expect(summary).toContain('新入库1');
    expect(summary).toContain('未接收1');

    const row = page.locator('#error-report-title ~ .table-wrap tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.first().locator('td').allTextContents();
    // in Chinese the column by its label and the problem by its Chinese rule, no codes (issue 18)
    expect(cells).toEqual(['3', '决定日期', ERRORS.DATE_INVALID.zh]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载问题清单（CSV）' }).click(),
    ]);
    const report = await readFile((await download.path())!, 'utf8');
    expect(report.split('\n')[0]).toBe('line,field,code,message,rule_zh');
    expect(report).toContain('3,decision_date,DATE_INVALID');
    await screenshot(page, 'console-import-zh');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codesOnPage(page)).toEqual([]);
  });

  it('runs a single check and a batch from a file on a phone-width screen', async () => {
    const page = await newPage(browser, { lang: 'zh', width: 390 });
    await logIn(page, world.url, world.keys.implementer);
    await page.getByRole('link', { name: '联合奖惩核查' }).click();
    await page.getByLabel('主体标识').fill(PERSON);
    await page.getByLabel('业务事项').selectOption('rail.g_train_ticket');
    await page.getByRole('button', { name: '核查', exact: true }).click();

    const answer = page.locator('section[aria-labelledby=check-answer]');
    await expect.poll(() => answer.locator('h2').textContent()).toBe('核查结果不予');
    const why = (await answer.textContent()) ?? '';
    expect(why).toContain('乘坐G字头动车组列车全部座位');
    expect(why).toContain('失信被执行人名单');
    expect(why).toContain('主体本身被列入');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('或选择 CSV 文件').setInputFiles({
      name: 'checks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `identifier,action,date\n${PERSON},rail.g_train_ticket\n${BEIJING_FIRM},no.such.action\n`,
      ),
    });
    await expect.poll(() => page.getByLabel('核查清单').inputValue()).toContain(BEIJING_FIRM);
    await page.getByRole('button', { name: '批量核查', exact: true }).click();

    const rows = page.locator('section[aria-labelledby=batch-results-title] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const first = await rows.nth(0).locator('td').allTextContents();
    expect(first[0]).toBe('2');
    expect(first[3]).toContain('不予');
    const second = await rows.nth(1).locator('td').allTextContents();
    expect(second[0]).toBe('3');
    // in Chinese the row's error is the catalog's Chinese rule, not the code (issue 18)
    expect(second[4]).toContain(ERRORS.MEASURE_ACTION_UNKNOWN.zh);
    expect(second[4]).not.toContain('MEASURE_ACTION_UNKNOWN');
    const counts = page.locator('section[aria-labelledby=batch-results-title] [role=status]');
    expect(await counts.textContent()).toBe('准予 0，不予 1，审慎审查 0，出错 1');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'console-checks-phone-zh');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codesOnPage(page)).toEqual([]);
  });
});
