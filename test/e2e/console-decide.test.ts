import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';
import { fileObjection } from '../../src/services/objections/objections.service.js';
import { applyForRepair } from '../../src/services/repairs/repairs.service.js';
import { auth, json, submit } from '../http/support.js';
import { BACKENDS } from '../support/backends.js';
import { courtRecord, listThroughDecision, on } from '../support/lists.js';
import { BEIJING_FIRM, NATIONAL_COURT, NOW, PERSON, penalty } from '../support/registry.js';
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
const LIST = 'dishonest_judgment_debtors';

describe('the deciders’ console in Chromium', () => {
  let browser: Browser;
  let world: PortalWorld;
  let cleanup: () => Promise<void>;
  /** the person's proposal, which the decider takes to effective in the UI */
  let proposal: string;
  const ids = { entryObjection: '', recordObjection: '', courtRepair: '', penaltyRepair: '' };

  beforeAll(async () => {
    const opened = await sqlite.open();
    cleanup = opened.cleanup;
    world = await startPortal(opened.store);
    const clerk = await createAccount(
      world.deps,
      { name: 'court clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    expect((await submit(world, courtRecord(), clerk.apiKey)).statusCode).toBe(201);
    const proposed = await world.app.inject({
      method: 'POST',
      url: '/v1/list-entries',
      headers: auth(world.keys.decider),
      payload: { subject: PERSON, list: LIST, reason: '有履行能力而拒不履行' },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    proposal = json<{ id: string }>(proposed).id;

    // the firm, listed by the court in May, objected and applied for repair then: past due today
    const firmListing = await listThroughDecision(
      on(world.deps, '2026-05-06'),
      courtRecord({
        subject_identifier: BEIJING_FIRM,
        subject_name: '北京测试科技有限公司',
        source_ref: 'C-FIRM',
        decision_date: '2026-04-28',
        case_number: '（2026）京0105执9号',
        document_number: '（2026）京0105执9号',
      }),
      LIST,
      NATIONAL_COURT,
    );
    const firm: Reader = {
      id: 'firm-account',
      name: '北京测试科技有限公司',
      role: 'subject',
      authorityId: null,
      subjectId: firmListing.entry.subjectId,
    };
    // filed in one order, due in the other: each answered within 15 days of filing
    ids.recordObjection = (
      await fileObjection(on(world.deps, '2026-05-26'), firm, {
        item: 'record',
        itemId: firmListing.submitted.recordId,
        grounds: '执行依据已撤销',
      })
    ).id;
    ids.entryObjection = (
      await fileObjection(on(world.deps, '2026-05-20'), firm, {
        item: 'list_entry',
        itemId: firmListing.entry.id,
        grounds: '已履行完毕，请求纠正',
      })
    ).id;
    ids.courtRepair = (
      await applyForRepair(on(world.deps, '2026-05-25'), firm, {
        item: 'list_entry',
        itemId: firmListing.entry.id,
        obligations: [{ id: 'judgment_performed', evidence: ['执行款缴纳凭证 No. 77'] }],
        commitment: '本单位承诺依法履行生效法律文书确定的义务',
      })
    ).id;
    const fined = await submit(world, penalty({ severity: 'general' }));
    ids.penaltyRepair = (
      await applyForRepair(world.deps, firm, {
        item: 'record',
        itemId: json<{ recordId: string }>(fined).recordId,
        obligations: [
          { id: 'penalty_performed', evidence: ['罚款缴纳凭证 No. 118'] },
          { id: 'conduct_corrected', evidence: ['整改报告'] },
        ],
        commitment: '本单位承诺今后严格遵守产品质量法律法规',
      })
    ).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.app.close();
    await cleanup?.();
  });

  /** a page whose clock is the server's: a token issued at NOW is still valid after a reload */
  const openPage = async (options: { lang: 'zh' | 'en'; width?: number }) => {
    const page = await newPage(browser, options);
    await page.clock.setFixedTime(new Date(NOW));
    return page;
  };
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
  const form = (page: Page, id: string) => page.locator(`form[aria-labelledby="${id}-title"]`);

  it('takes a proposal through notice, a refused early decision and the waiver to effective', async () => {
    const page = await openPage({ lang: 'en' });
    await logIn(page, world.url, world.keys.decider);
    await page.goto(`${world.url}/console/proposals`);
    const item = page.locator('ol.entries > li').filter({ hasText: '张三' });
    await expect.poll(() => item.count()).toBe(1);
    const listed = (await item.textContent()) ?? '';
    expect(listed).toContain('Dishonest judgment debtors');
    expect(listed).toContain(`${PERSON.slice(0, 6)}************`);
    expect(listed).not.toContain(PERSON);
    await screenshot(page, 'decide-proposals-en');
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByRole('link', { name: /Open and act/ }).click();
    await expect.poll(() => text(page, 'h1')).toBe('张三');
    // a reason is required: the field says so, and nothing is sent
    await form(page, 'notice').locator('button[type=submit]').click();
    await expect.poll(() => text(page, '#notice-reason-problem')).toBe('Give a reason.');
    expect(await page.locator('#notice-reason').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#notice-reason').fill('拟将你列入失信被执行人名单，你可在告知期内陈述申辩');
    await form(page, 'notice').locator('button[type=submit]').click();
    await expect.poll(() => text(page, 'p[role=status]')).toBe('Notice given.');
    // Monday 06-15 plus 3 working days: Thursday 06-18 (the Dragon Boat Festival is on 06-19)
    await expect
      .poll(() => text(page, '.countdown'))
      .toBe('3 working days left (ends 18 Jun 2026)');

    await page.locator('#decide-reason').fill('决定列入');
    await form(page, 'decide').locator('button[type=submit]').click();
    const refusal = form(page, 'decide').locator('[role=alert]');
    await expect.poll(() => refusal.textContent()).toContain('LIST_NOTICE_PERIOD_OPEN');
    expect(await refusal.textContent()).toContain('until 2026-06-18');
    await screenshot(page, 'decide-entry-noticed-en');
    expect(await seriousViolations(page)).toEqual([]);

    const waived = await world.app.inject({
      method: 'POST',
      url: `/v1/list-entries/${proposal}/waiver`,
      headers: auth(world.personKey),
      payload: { reason: '放弃陈述申辩' },
    });
    expect(waived.statusCode, waived.body).toBe(200);
    await page.reload();
    await expect
      .poll(() => text(page, '.countdown'))
      .toBe('The subject waived its notice period: a decision may be made');
    await page.locator('#decide-reason').fill('经告知，被执行人放弃陈述申辩，决定列入');
    await form(page, 'decide').locator('button[type=submit]').click();
    await expect.poll(() => text(page, 'p[role=status]')).toBe('The listing is decided.');
    await expect.poll(() => text(page, 'h1 + .row .badge')).toBe('Effective');
    // circumstance 2 (obstructs enforcement): two years from today
    expect(await text(page, '.ends-on')).toBe('15 Jun 2028');
    const history = (await text(page, 'ol.history')) ?? '';
    for (const step of ['Proposed', 'Notice given', 'Subject waived its notice period', 'Decided'])
      expect(history).toContain(step);
    expect(history).toContain('经告知，被执行人放弃陈述申辩，决定列入');
    await screenshot(page, 'decide-entry-effective-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${world.url}/subjects/${PERSON}?name=${encodeURIComponent('张三')}`);
    await expect.poll(() => text(page, '#entries')).toContain('(1)');
    expect(await text(page, 'main')).toContain('Dishonest judgment debtors');
    expect(await text(page, 'main')).toContain('15 Jun 2028');
  });

  it('queues the overdue objections by answer date, marked overdue, and dismisses one with reasons', async () => {
    const page = await openPage({ lang: 'zh' });
    await logIn(page, world.url, world.keys.decider);
    await page.goto(`${world.url}/console/objections`);
    const items = page.locator('ol.queue > li');
    await expect.poll(() => items.count()).toBe(2);
    // the entry's objection (due 06-04) before the record's (due 06-10)
    expect(await items.nth(0).locator('.item-title').textContent()).toBe(
      '名单条目：失信被执行人名单',
    );
    expect(await items.nth(1).locator('.item-title').textContent()).toContain('信息记录');
    expect(await items.nth(0).locator('.deadline').textContent()).toBe('2026年6月4日');
    for (const i of [0, 1])
      expect(await items.nth(i).locator('.badge.overdue').textContent()).toBe('已逾期');
    // whose case and its facts, in words: no internal ids, no raw codes
    expect(await items.nth(1).textContent()).toContain('北京测试科技有限公司');
    expect(await items.nth(1).textContent()).toContain('（2026）京0105执9号');
    await screenshot(page, 'decide-objections-zh');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codesOnPage(page)).toEqual([]);

    const first = items.nth(0);
    await first.locator('summary').click();
    await first.locator(`#answer-${ids.entryObjection}-reason`).fill('经核查，义务尚未履行完毕');
    await first.locator('button[type=submit]').click();
    await expect.poll(() => text(page, 'p[role=status]')).toBe('异议不成立，已作出答复。');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.nth(0).textContent()).toContain('执行依据已撤销');
    const answered = await world.deps.store.getObjection(ids.entryObjection);
    expect(answered).toMatchObject({ state: 'rejected', reasons: '经核查，义务尚未履行完毕' });
  });

  it('queues repairs by the deadline of their step: the platform forwards, the court approves', async () => {
    const page = await openPage({ lang: 'en' });
    await logIn(page, world.url, world.keys.operator);
    await page.goto(`${world.url}/console/repairs`);
    const items = page.locator('ol.queue > li');
    await expect.poll(() => items.count()).toBe(2);
    // the court list repair was due 06-08; the penalty's is due 06-30
    expect(await items.nth(0).locator('.item-title').textContent()).toBe(
      'List entry: Dishonest judgment debtors',
    );
    expect(await items.nth(0).locator('.badge.overdue').textContent()).toBe('Overdue');
    expect(await items.nth(1).locator('.item-title').textContent()).toContain('Record');
    expect(await items.nth(1).locator('.badge.overdue').count()).toBe(0);
    await screenshot(page, 'decide-repairs-operator-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Only overdue ones').check();
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => page.url()).toContain('overdue=true');
    await items.nth(0).getByText('Review this application').click();
    // forwarding takes no reasons: the field goes away
    expect(
      await items
        .nth(0)
        .getByLabel(/Reasons/)
        .isVisible(),
    ).toBe(false);
    await items.nth(0).locator('button[type=submit]').click();
    await expect
      .poll(() => text(page, 'p[role=status]'))
      .toBe('Forwarded to the authority that decides.');
    // forwarded today, it is due from the court in 3 working days and no longer overdue
    await expect.poll(() => items.count()).toBe(0);

    const court = await openPage({ lang: 'en' });
    await logIn(court, world.url, world.keys.decider);
    await court.goto(`${world.url}/console/repairs`);
    const queue = court.locator('ol.queue > li');
    await expect.poll(() => queue.count()).toBe(1);
    expect(await queue.nth(0).locator('.badge').first().textContent()).toBe(
      'Awaiting the authority',
    );
    expect(await queue.nth(0).locator('.deadline').textContent()).toBe('18 Jun 2026');
    await queue.nth(0).getByText('Decide this application').click();
    await queue
      .nth(0)
      .locator(`#decide-${ids.courtRepair}-reason`)
      .fill('已履行生效法律文书确定的义务，同意修复');
    await queue.nth(0).locator('button[type=submit]').click();
    await expect.poll(() => text(court, 'p[role=status]')).toBe('The repair is approved.');
    await expect.poll(() => text(court, 'main')).toContain('No repair application is waiting.');
    await screenshot(court, 'decide-repairs-court-en');
    expect(await seriousViolations(court)).toEqual([]);
    expect(await world.deps.store.getRepair(ids.courtRepair)).toMatchObject({
      state: 'approved',
    });
    expect(ids.penaltyRepair).toMatch(/^rep_/);
  });

  it('fits an entry with its history on a phone-width screen', async () => {
    const page = await openPage({ lang: 'zh', width: 390 });
    await logIn(page, world.url, world.keys.decider);
    await page.goto(`${world.url}/console/proposals?state=effective`);
    const item = page.locator('ol.entries > li').filter({ hasText: '张三' });
    await expect.poll(() => item.count()).toBe(1);
    await item.getByRole('link', { name: /查看并处理/ }).click();
    await expect.poll(() => text(page, 'ol.history')).toContain('决定列入');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'decide-entry-phone');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codesOnPage(page)).toEqual([]);
  });
});
