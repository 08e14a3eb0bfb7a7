import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fixedClock } from '../../src/domain/clock.js';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { copyDefaultCatalog } from '../catalog/fixtures.js';
import { auth, submit } from '../http/support.js';
import { BACKENDS } from '../support/backends.js';
import { BEIJING_FIRM, penalty, PERSON } from '../support/registry.js';
import { THIN_FILE_SCORECARD } from '../support/thin-file-scorecard.js';
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

// the firm's penalties: one to object to, one too recent to repair, one old enough to repair
const OBJECTED = '京市监罚〔2026〕101号';
const TOO_EARLY = '京市监罚〔2026〕102号';
const REPAIRABLE = '京市监罚〔2026〕103号';
const NATIONAL_BANK = makeUscc('91100000', '10000009');

describe('subject self-service in Chromium', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await sqlite.open();
    const catalogCopy = await copyDefaultCatalog();
    cleanup = async () => {
      await opened.cleanup();
      await catalogCopy.remove();
    };
    world = await startPortal(opened.store);
    // general tier, decided 2026-03-01: repair possible from 2026-06-01
    expect((await submit(world)).statusCode).toBe(201);
    // serious tier, decided 2026-05-20: repair only after a year
    const serious = penalty({
      severity: 'serious',
      source_ref: 'P-2026-0002',
      document_number: TOO_EARLY,
      decision_date: '2026-05-20',
    });
    expect((await submit(world, serious)).statusCode).toBe(201);
    const older = penalty({
      source_ref: 'P-2026-0003',
      document_number: REPAIRABLE,
      decision_date: '2026-01-10',
    });
    expect((await submit(world, older)).statusCode).toBe(201);

    // a bank reads the firm's file for a loan, on its written consent: the read and the consent
    // land in the firm's inquiry log
    const consent =
      'consentDocument=SQ-2026-0042&consentDate=2026-06-10&consentScope=working%20capital%20loan';
    const read = await world.app.inject({
      method: 'GET',
      url: `/v1/subjects/${BEIJING_FIRM}/file?purpose=loan_approval&${consent}`,
      headers: auth(world.keys.inquirer),
    });
    expect(read.statusCode, read.body).toBe(200);

    // a run on 1 February knew of no penalty yet (they were recorded in June): 100; today's
    // sees all three: 100 − 2×5 − 15 = 75, grade B
    const february = { ...world.deps, clock: fixedClock('2026-02-01T10:00:00.000Z') };
    await runRating(february, { modelId: 'public_comprehensive_evaluation', actor: 'operator' });
    await runRating(world.deps, { modelId: 'public_comprehensive_evaluation', actor: 'operator' });

    // the person: a loan default and a scorecard rating (300+320 best; 250+240 with it)
    await registerAuthority(
      world.deps,
      { id: NATIONAL_BANK, name: '某全国性商业银行', domains: ['finance'], regions: ['000000'] },
      'operator',
    );
    await submitRecord(
      world.deps,
      {
        subject_identifier: PERSON,
        subject_name: '张三',
        type: 'loan_default',
        authority: NATIONAL_BANK,
        source_ref: 'L-2026-1',
        legal_basis: '征信业管理条例 第十四条',
        decision_date: '2026-04-20',
        lender: '某全国性商业银行',
        amount: '12000.00',
        days_past_due: '95',
      },
      'bank',
    );
    await catalogCopy.write('rating-models/thin_file_score.yaml', THIN_FILE_SCORECARD);
    const withScorecard = { ...world.deps, catalog: await loadCatalog(catalogCopy.dir) };
    await runRating(withScorecard, { modelId: 'thin_file_score', actor: 'operator' });

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  const recordCard = (page: Page, documentNumber: string) =>
    page.locator('section.card', { hasText: documentNumber });

  it('shows the firm its whole report with the numbers of its charts, and prints it', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await logIn(page, world.url, world.keys.subject);
    await page.waitForURL('**/me');
    await expect.poll(() => page.locator('h1').textContent()).toContain('北京测试科技有限公司');
    await expect.poll(() => page.locator('#records').textContent()).toBe('全部信用信息（3）');
    expect(await recordCard(page, TOO_EARLY).textContent()).toContain('2027年5月20日');

    // the contributions of the public evaluation: base 100, two general −5s, one serious −15
    const rating = page.locator('section.rating-card', { hasText: '公共信用综合评价' });
    const rows = await rating.locator('table.contrib-table tr').allTextContents();
    expect(rows).toEqual([
      '项目分值说明',
      '基础分100起始分',
      '一般行政处罚-10涉及 2 条信息',
      '严重行政处罚-15涉及 1 条信息',
      '得分75等级 B',
    ]);
    expect(await rating.locator('.contrib-chart[role=img]').getAttribute('aria-label')).toContain(
      '一般行政处罚 -10; 严重行政处罚 -15。得分 75，等级 B',
    );
    const history = await page.locator('table.history-table tbody tr').allTextContents();
    expect(history).toContain('公共信用综合评价2026年6月15日75B（良）');
    expect(history).toContain('公共信用综合评价2026年2月1日100A（优）');
    expect(await page.locator('#timeline + p + .card svg rect').count()).toBeGreaterThan(2);
    await screenshot(page, 'self-report-zh');
    expect(await codesOnPage(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    // the registry's printable page opens from the token-authorised fetch
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: '打开平台的打印版' }).click(),
    ]);
    await popup.waitForLoadState();
    expect(await popup.locator('body').textContent()).toContain(BEIJING_FIRM);
    await popup.close();

    // on paper: no navigation, no buttons, the report and its numbers stay
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('nav.self-nav').isVisible()).toBe(false);
    expect(
      await page
        .getByRole('link', { name: /提出异议/ })
        .first()
        .isVisible(),
    ).toBe(false);
    expect(await rating.locator('table.contrib-table').isVisible()).toBe(true);
    await screenshot(page, 'self-report-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('lists who looked at the file, with the purpose in the reader’s language', async () => {
    const page = await newPage(browser, { lang: 'en' });
    // the purposes answer after the log: the page must wait for them, not show their ids
    await page.route('**/v1/catalog/purposes', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    // no one logged in: the own file asks for a login first
    await page.goto(`${world.url}/me/inquiries`);
    await page.waitForURL('**/login');
    await logIn(page, world.url, world.keys.subject);
    await page.locator('nav.self-nav').getByRole('link', { name: 'Who looked' }).click();
    await page.waitForURL('**/me/inquiries');
    const rows = page.locator('#inquiry-log tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const bank = await rows.first().textContent();
    expect(bank).toContain('上海某商业银行');
    expect(bank).toContain('Loan approval');
    expect(bank).toContain(
      'On your consent SQ-2026-0042 of 10 Jun 2026, for: working capital loan',
    );
    expect(bank).toContain('3 record(s)');
    expect(await rows.nth(1).textContent()).toContain("Subject's own inquiry");
    await screenshot(page, 'self-inquiries-en');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('files an objection against a record, shows the answer deadline and flags the record', async () => {
    const page = await newPage(browser, { lang: 'zh' });
    await logIn(page, world.url, world.keys.subject);
    const card = recordCard(page, OBJECTED);
    await card.getByRole('link', { name: /提出异议/ }).click();
    await page.waitForURL('**/me/objections/new?**');
    await expect.poll(() => page.locator('#item-title').textContent()).toBe('行政处罚');

    // no grounds: the field says so, and nothing is sent
    await page.getByRole('button', { name: '提交异议' }).click();
    await expect
      .poll(() => page.locator('#grounds-problem').textContent())
      .toBe('请写明异议理由。');
    expect(await page.locator('#grounds').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByLabel('异议理由')
      .fill('罚款已于 2026 年 3 月 20 日缴清，决定书所载违法事实与现场检查记录不符。');
    await page.getByLabel('证明材料').fill('缴款凭证 No. 2026-118\n现场检查记录');
    await page.getByRole('button', { name: '提交异议' }).click();
    // the default objection rule: 15 days from 2026-06-15
    await expect
      .poll(() => page.locator('#objection-deadline').textContent())
      .toBe('2026年6月15日 受理，主管机关须在 2026年6月30日 前答复。');
    await screenshot(page, 'self-objection-filed');
    expect(await codesOnPage(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '返回我的信用报告' }).first().click();
    await expect.poll(() => recordCard(page, OBJECTED).textContent()).toContain('异议处理中');
    expect(await page.locator('#objections').textContent()).toContain('2026年6月30日');
  });

  it('answers a too-early repair with the earliest date, and takes one that is due, on a phone', async () => {
    const page = await newPage(browser, { lang: 'en', width: 390 });
    await logIn(page, world.url, world.keys.subject);
    await recordCard(page, TOO_EARLY)
      .getByRole('link', { name: /Apply for repair/ })
      .click();
    await page.waitForURL('**/me/repairs/new?**');
    const conditions = page.locator('section[aria-labelledby=conditions]');
    await expect.poll(() => conditions.textContent()).toContain('free of charge');
    expect(await conditions.textContent()).toContain('within 10 working days');
    expect(await conditions.textContent()).toContain('you can apply from 20 May 2027');

    const fillApplication = async () => {
      for (const box of await page.getByLabel('I declare this obligation performed').all())
        await box.check();
      for (const [i, evidence] of (await page.getByLabel('Evidence').all()).entries())
        await evidence.fill(`Receipt No. ${i + 1}`);
      await page.getByLabel('Credit commitment').fill('We will comply with product quality law.');
      await page.getByRole('button', { name: 'Apply for repair' }).click();
    };
    await fillApplication();
    const early = page.locator('#too-early');
    await expect.poll(() => early.textContent()).toContain('It is too early to apply for repair');
    expect(await early.textContent()).toContain('you can apply from 20 May 2027');
    expect(await early.getAttribute('role')).toBe('alert');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'self-repair-too-early-phone');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back to my credit report' }).click();
    await recordCard(page, REPAIRABLE)
      .getByRole('link', { name: /Apply for repair/ })
      .click();
    await expect.poll(() => conditions.textContent()).toContain('you can apply from 10 Apr 2026');
    await fillApplication();
    await expect
      .poll(() => page.locator('#repair-deadline').textContent())
      .toBe('Received on 15 Jun 2026; the platform must answer by 30 Jun 2026.');
    await page.getByRole('link', { name: 'Back to my credit report' }).first().click();
    await expect.poll(() => page.locator('#repairs').textContent()).toContain('With the platform');
    expect(await page.locator('#repairs').textContent()).toContain('30 Jun 2026');
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(wide).toBeLessThanOrEqual(0);
    await screenshot(page, 'self-report-phone');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a person its restricted record and what each scorecard characteristic gave', async () => {
    const page = await newPage(browser, { lang: 'en' });
    await logIn(page, world.url, world.personKey);
    await expect.poll(() => page.locator('#records').textContent()).toBe('Every record (1)');
    expect(await page.locator('#records ~ section.card').first().textContent()).toContain(
      'Restricted',
    );
    const card = page.locator('section.rating-card', { hasText: 'thin_file_score' });
    const rows = await card.locator('table.contrib-table tr').allTextContents();
    expect(rows).toEqual([
      'StepPointsNote',
      'Loan defaults in 24 months+250bin: one or more; the best bin gives 300',
      'Worst days past due+240bin: 90 or more; the best bin gives 320',
      'Score490grade high risk',
    ]);
    expect(await card.locator('ol.reasons').textContent()).toContain(
      'Worst days past due (90 or more): 80 points below the best',
    );
    const points = page.locator('section.rating-card', { hasText: 'City personal' });
    expect(await points.locator('table.contrib-table').textContent()).toContain('-40');
    await screenshot(page, 'self-person-scorecard-en');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
