import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';
import { fileObjection } from '../../src/services/objections/objections.service.js';
import { findSubject } from '../../src/services/subjects/subjects.service.js';
import { json, submit } from '../http/support.js';
import { BACKENDS } from '../support/backends.js';
import { courtRecord } from '../support/lists.js';
import {
  loanDefault,
  NATIONAL_COURT,
  NOW,
  SHANGHAI_BANK,
  SHANGHAI_FIRM,
} from '../support/registry.js';
import { codesOnPage } from './support/no-codes.js';
import {
  launchBrowser,
  logIn,
  newPage,
  type PortalWorld,
  screenshot,
  seriousViolations,
  startPortal,
} from './support/portal.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
const VIEWS = [
  { lang: 'zh', width: 1280 },
  { lang: 'en', width: 1280 },
  { lang: 'zh', width: 390 },
  { lang: 'en', width: 390 },
] as const;

describe('purpose-bound reads in Chromium: the inquirer’s console and a record from a queue', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;
  const keys = { bank: '', judge: '' };

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortal(opened.store);
    const account = async (
      name: string,
      role: 'furnisher' | 'decider' | 'inquirer',
      authority: string,
    ) => (await createAccount(world.deps, { name, role, authority }, 'test')).apiKey;
    const clerk = await account('最高人民法院执行局书记员', 'furnisher', NATIONAL_COURT);
    const lender = await account('上海某商业银行报送岗', 'furnisher', SHANGHAI_BANK);
    keys.bank = await account('上海某商业银行信贷审批岗', 'inquirer', SHANGHAI_BANK);
    keys.judge = await account('最高人民法院执行局法官', 'decider', NATIONAL_COURT);
    const court = await submit(
      world,
      courtRecord({
        subject_identifier: SHANGHAI_FIRM,
        subject_name: '上海测试贸易有限公司',
        source_ref: 'C-FIRM',
        decision_date: '2026-05-20',
        case_number: '（2026）京0105执9号',
        document_number: '（2026）京0105执9号',
      }),
      clerk,
    );
    expect(court.statusCode, court.body).toBe(201);
    const loan = await submit(world, loanDefault(), lender);
    expect(loan.statusCode, loan.body).toBe(201);
    const firm = await findSubject(world.deps, SHANGHAI_FIRM);
    const reader: Reader = {
      id: 'firm-account',
      name: '上海测试贸易有限公司',
      role: 'subject',
      authorityId: null,
      subjectId: firm.id,
    };
    await fileObjection(world.deps, reader, {
      item: 'record',
      itemId: json<{ recordId: string }>(court).recordId,
      grounds: '执行依据已撤销',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  const openPage = async (options: { lang: 'zh' | 'en'; width: number }) => {
    const page = await newPage(browser, options);
    await page.clock.setFixedTime(new Date(NOW));
    return page;
  };
  const text = async (page: Page, selector: string) =>
    (await page.locator(selector).first().textContent()) ?? '';
  const inquiries = async () =>
    world.deps.store.listInquiries((await findSubject(world.deps, SHANGHAI_FIRM)).id, 0, 100);
  const fits = (page: Page) =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

  for (const view of VIEWS) {
    const name = `${view.lang}-${view.width}`;
    const zh = view.lang === 'zh';

    it(`gives the bank a purpose-bound file read that says it was logged (${name})`, async () => {
      const before = (await inquiries()).length;
      const page = await openPage(view);
      await logIn(page, world.url, keys.bank);
      await page.goto(`${world.url}/console`);
      await page
        .getByRole('link', { name: zh ? '按用途查询信用档案' : /Read a credit file/ })
        .click();
      await page
        .getByLabel(zh ? '查询用途' : 'Purpose of the inquiry')
        .selectOption('loan_approval');
      // what the purpose allows, before anything is read
      const allows = await text(page, '.purpose-allows');
      expect(allows).toContain(zh ? '贷款逾期' : 'Loan default');
      expect(allows).toContain(zh ? '书面授权' : 'written consent');
      await screenshot(page, `inquire-purpose-${name}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (zh) expect(await codesOnPage(page)).toEqual([]);

      await page.locator('#inquire-identifier').fill(SHANGHAI_FIRM);
      // without consent the read is refused, and the page says what is missing in words
      await page.locator('form button[type=submit]').click();
      const refusal = await page.locator('[role=alert]').first().textContent();
      expect(refusal).toContain(zh ? '授权' : 'consent');
      expect(await inquiries()).toHaveLength(before);
      await page.locator('#inquire-consentDocument').fill('SQ-2026-0042');
      await page.locator('#inquire-consentDate').fill('2026-06-10');
      await page.locator('#inquire-consentScope').fill('企业贷款申请审查');
      await page.locator('form button[type=submit]').click();
      await expect.poll(() => text(page, '.inquiry-logged')).toContain('上海某商业银行信贷审批岗');
      expect(await text(page, '.inquiry-logged')).toContain(zh ? '贷款审批' : 'Loan approval');
      expect(await text(page, '#inquired-file')).toContain('上海测试贸易有限公司');
      const main = await text(page, 'main');
      expect(main).toContain('（2026）京0105执9号');
      expect(main).toContain(zh ? '贷款逾期' : 'Loan default');
      expect(await inquiries()).toHaveLength(before + 1);
      expect((await inquiries()).at(-1)).toMatchObject({
        purpose: 'loan_approval',
        consent: { document: 'SQ-2026-0042', date: '2026-06-10' },
      });
      expect(await fits(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `inquire-file-${name}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (zh) expect(await codesOnPage(page)).toEqual([]);
    });

    it(`opens the record of an objection for a stated purpose, logged (${name})`, async () => {
      const before = (await inquiries()).length;
      const page = await openPage(view);
      await logIn(page, world.url, keys.judge);
      await page.goto(`${world.url}/console/objections`);
      const item = page.locator('ol.queue > li').first();
      await item.getByText(zh ? '查阅这条信息' : 'Read this record').click();
      const reader = item.locator('details.record-read');
      expect(await reader.locator('select').inputValue()).toBe('supervision');
      await reader.locator('button[type=submit]').click();
      await expect
        .poll(() => text(page, '.record-read .inquiry-logged'))
        .toContain('最高人民法院执行局法官');
      const read = await reader.textContent();
      expect(read).toContain(zh ? '监督检查' : 'Supervision');
      expect(read).toContain('支付货款人民币100000元');
      expect(read).toContain('上海测试贸易有限公司');
      expect(await inquiries()).toHaveLength(before + 1);
      expect((await inquiries()).at(-1)).toMatchObject({ purpose: 'supervision' });
      expect(await fits(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `queue-record-read-${name}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (zh) expect(await codesOnPage(page)).toEqual([]);
    });
  }
});
