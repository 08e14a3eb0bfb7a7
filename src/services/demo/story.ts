/**
 * The story's events, each on its own day before today: what officers, subjects, banks and the
 * platform did to the story subjects, done through the same services they would use, with the
 * clock set to that day, so that every transition, inquiry and version is dated as it happened.
 */
import { chinaCalendar } from '../../domain/calendar.js';
import type { PerformedObligation } from '../../domain/repair.js';
import type { ServiceDeps } from '../deps.js';
import type { Reader } from '../inquiries/inquiry.service.js';
import { inquireFile } from '../inquiries/inquiry.service.js';
import { decideEntry, noticeEntry, proposeEntry } from '../lists/entries.service.js';
import { answerObjection, fileObjection, type Answer } from '../objections/objections.service.js';
import { correctRecord, submitRecord } from '../records/records.service.js';
import type { SubmissionInput } from '../records/submission.js';
import { applyForRepair, decideRepair, reviewRepair } from '../repairs/repairs.service.js';
import { mergeSubjects } from '../subjects/subject-merge.service.js';
import { addRelation, findSubject, registerSubject } from '../subjects/subjects.service.js';
import { fromDays, toDays } from './calendar.js';
import { STORY as S, STORY_AUTHORITIES as A, type StorySubject } from './story-cast.js';
import {
  courtRecord,
  gradeA,
  loanRecord,
  penaltyRecord,
  subjectColumns,
  wageRecord,
} from './story-records.js';

/** One thing done on one day: `day` counts days from the story's anchor (negative: before it). */
export interface StoryEvent {
  day: number;
  what: string;
  run: (deps: ServiceDeps, memo: Map<string, string>) => Promise<void>;
}

const ACTOR = 'demo';
const officer = (role: Reader['role'], authorityId: string, name: string): Reader => ({
  id: `demo:${role}:${authorityId}`,
  name,
  role,
  authorityId,
  subjectId: null,
});
const COURT = officer('decider', A.court.id, A.court.name);
const MARKET = officer('decider', A.market.id, A.market.name);
const PLATFORM: Reader = { ...officer('operator', 'platform', '信用平台'), authorityId: null };

async function asSubject(deps: ServiceDeps, s: StorySubject): Promise<Reader> {
  const found = await findSubject(deps, s.identifier, s.scheme);
  return {
    id: `demo:subject:${found.id}`,
    name: s.name,
    role: 'subject',
    authorityId: null,
    subjectId: found.id,
  };
}

const submit = (row: SubmissionInput) => async (deps: ServiceDeps, memo: Map<string, string>) => {
  const done = await submitRecord(deps, row, ACTOR);
  memo.set(String(row.source_ref), done.recordId);
};
const ref = (key: string) => `DEMO-STORY-${key}`;
const idOf = (memo: Map<string, string>, key: string): string => {
  const id = memo.get(key);
  if (!id) throw new Error(`the demo story has no ${key} yet`);
  return id;
};

/**
 * A decided list entry: proposed and noticed on `day`, decided on the first day after its
 * notice period (working days on the official calendar).
 */
function listing(
  day: number,
  today: number,
  key: string,
  s: StorySubject,
  listType: string,
  authority: Reader,
  reason: string,
): StoryEvent[] {
  const input = { actor: ACTOR, authorityId: authority.authorityId! };
  const notice = chinaCalendar.addWorkingDays(fromDays(today + day), noticeDays[listType] ?? 5);
  return [
    {
      day,
      what: `${listType} proposed and noticed for ${s.name}`,
      run: async (deps, memo) => {
        const entry = await proposeEntry(deps, {
          ...input,
          identifier: s.identifier,
          listType,
          reason,
        });
        await noticeEntry(deps, entry.id, { ...input, reason: '送达拟纳入名单告知书' });
        memo.set(key, entry.id);
      },
    },
    {
      day: toDays(notice) + 1 - today,
      what: `${listType} decided for ${s.name}`,
      run: async (deps, memo) => {
        await decideEntry(deps, idOf(memo, key), {
          ...input,
          reason: '告知期满未提出异议或异议不成立，决定纳入',
        });
      },
    },
  ];
}
const noticeDays: Record<string, number> = {
  dishonest_judgment_debtors: 3,
  serious_market_violations: 5,
};

/** A subject's repair of one of its items, taken to `until`: submitted, forwarded, approved or refused. */
function repair(
  days: readonly number[],
  s: StorySubject,
  item: 'record' | 'list_entry',
  key: string,
  obligations: readonly PerformedObligation[],
  decider: Reader,
  until: 'submitted' | 'forwarded' | 'approved' | 'refused',
): StoryEvent[] {
  const appKey = `repair:${key}`;
  const events: StoryEvent[] = [
    {
      day: days[0]!,
      what: `repair applied for by ${s.name}`,
      run: async (deps, memo) => {
        const applied = await applyForRepair(deps, await asSubject(deps, s), {
          item,
          itemId: idOf(memo, key),
          obligations: [...obligations],
          commitment:
            '本单位已纠正失信行为，承诺今后严格遵守法律法规，如违反承诺自愿接受依法惩戒。',
        });
        memo.set(appKey, applied.id);
      },
    },
  ];
  if (until === 'submitted') return events;
  events.push({
    day: days[1]!,
    what: `repair forwarded for ${s.name}`,
    run: async (deps, memo) => {
      await reviewRepair(deps, PLATFORM, idOf(memo, appKey), { outcome: 'forward' });
    },
  });
  if (until === 'forwarded') return events;
  events.push({
    day: days[2]!,
    what: `repair ${until} for ${s.name}`,
    run: async (deps, memo) => {
      await decideRepair(
        deps,
        decider,
        idOf(memo, appKey),
        until === 'approved'
          ? { outcome: 'approve', reasons: '已履行处罚决定并完成整改，准予信用修复' }
          : { outcome: 'refuse', reasons: '整改报告未附现场核查记录，不予修复' },
      );
    },
  });
  return events;
}

/** The court records a judgment performed in full, three days after the payment. */
function performed(day: number, today: number, s: StorySubject, record: string): StoryEvent {
  return {
    day,
    what: `judgment performed by ${s.name}`,
    run: async (deps, memo) => {
      await correctRecord(
        deps,
        idOf(memo, ref(record)),
        { performance: 'full', end_date: fromDays(today + day - 3) },
        '被执行人已全部履行生效法律文书确定的义务',
        ACTOR,
      );
    },
  };
}

/** A subject's objection to one of its items, filed on `days[0]` and answered on `days[1]` if given. */
function objection(
  days: readonly number[],
  s: StorySubject,
  item: 'record' | 'list_entry',
  key: string,
  filed: { grounds: string; documents?: string[] },
  answered?: { by: Reader; answer: Answer },
): StoryEvent[] {
  const objectionKey = `objection:${key}`;
  const events: StoryEvent[] = [
    {
      day: days[0]!,
      what: `objection by ${s.name}`,
      run: async (deps, memo) => {
        const o = await fileObjection(deps, await asSubject(deps, s), {
          item,
          itemId: idOf(memo, key),
          ...filed,
        });
        memo.set(objectionKey, o.id);
      },
    },
  ];
  if (answered)
    events.push({
      day: days[1]!,
      what: `objection ${answered.answer.outcome} for ${s.name}`,
      run: async (deps, memo) => {
        await answerObjection(deps, answered.by, idOf(memo, objectionKey), answered.answer);
      },
    });
  return events;
}

const PENALTY_RULE: readonly PerformedObligation[] = [
  { id: 'penalty_performed', evidence: ['罚没款缴款凭证'] },
  { id: 'conduct_corrected', evidence: ['整改报告', '现场核查记录'] },
];

/** A bank's read of a file for a loan, with the person's or firm's written consent. */
function loanInquiry(day: number, today: number, s: StorySubject, bank = A.bank): StoryEvent {
  return {
    day,
    what: `${bank.name} inquired about ${s.name}`,
    run: async (deps) => {
      await inquireFile(deps, {
        reader: officer('inquirer', bank.id, `${bank.name} 信贷审批部`),
        identifier: s.identifier,
        purpose: 'loan_approval',
        consent: {
          document: `${bank.abbr}-AUTH-${fromDays(today + day).replaceAll('-', '')}`,
          date: fromDays(today + day),
          scope: '贷款审批查询信用报告',
        },
      });
    },
  };
}

/** Every story event, in the order of their days; `today` is the anchor's day. */
export function storyEvents(today: number): StoryEvent[] {
  const events: StoryEvent[] = [
    // a firm that is able but refuses to pay: listed until it performs
    {
      day: -440,
      what: 'debtor representative registered',
      run: async (deps) => {
        await registerSubject(deps, subjectColumns(S.debtorRep), ACTOR);
      },
    },
    {
      day: -430,
      what: 'court record of the debtor',
      run: submit(courtRecord(S.debtor, 'D1', today - 430, 'able_but_refuses', '1860000.00')),
    },
    {
      day: -430,
      what: 'debtor legal representative',
      run: async (deps) => {
        await addRelation(
          deps,
          {
            subject: S.debtor.identifier,
            kind: 'legal_representative',
            other: S.debtorRep.identifier,
            basis: `深市监登记〔${fromDays(today - 1900).slice(0, 4)}〕示例001号`,
          },
          ACTOR,
        );
      },
    },
    ...listing(
      -425,
      today,
      'entry:debtor',
      S.debtor,
      'dishonest_judgment_debtors',
      COURT,
      '有履行能力而拒不履行生效法律文书确定的义务',
    ),
    loanInquiry(-25, today, S.debtor, A.secondBank),
    ...objection([-6], S.debtor, 'list_entry', 'entry:debtor', {
      grounds: '本公司已与申请执行人达成分期履行协议，请求暂缓纳入失信名单。',
      documents: ['执行和解协议'],
    }),

    // a person listed for 2 years, long expired; a bank's loans, its inquiries, an objection rejected
    {
      day: -1000,
      what: 'court record of the expired person',
      run: submit(courtRecord(S.expired, 'E1', today - 1000, 'breaches_asset_report', '86000.00')),
    },
    ...listing(
      -995,
      today,
      'entry:expired',
      S.expired,
      'dishonest_judgment_debtors',
      COURT,
      '违反财产报告制度',
    ),
    {
      day: -900,
      what: 'loan default of the expired person',
      run: submit(loanRecord(S.expired, 'L1', today - 900, 95, '42000.00')),
    },
    loanInquiry(-400, today, S.expired),
    {
      day: -300,
      what: 'second loan default',
      run: submit(loanRecord(S.expired, 'L2', today - 300, 62, '15800.00')),
    },
    loanInquiry(-200, today, S.expired),
    ...objection(
      [-50, -38],
      S.expired,
      'record',
      ref('L2'),
      { grounds: '该笔贷款已于逾期次月结清，逾期天数记载有误。' },
      {
        by: officer('furnisher', A.bank.id, A.bank.name),
        answer: {
          outcome: 'rejected',
          reasons: '经核对还款流水，该笔贷款逾期62天属实，记载无误。',
        },
      },
    ),
    performed(-100, today, S.expired, 'E1'),
    loanInquiry(-12, today, S.expired),

    // a firm listed for 2 years that paid in full: removed on performance
    {
      day: -700,
      what: 'court record of the performing firm',
      run: submit(courtRecord(S.performed, 'P1', today - 700, 'evades_enforcement', '420000.00')),
    },
    ...listing(
      -695,
      today,
      'entry:performed',
      S.performed,
      'dishonest_judgment_debtors',
      COURT,
      '以隐匿、转移财产等方法规避执行',
    ),
    performed(-120, today, S.performed, 'P1'),

    // a serious violation listed, then removed by credit repair
    {
      day: -800,
      what: 'serious penalty',
      run: submit(penaltyRecord(S.repaired, 'R1', today - 800, 'serious', '300000.00')),
    },
    ...listing(
      -795,
      today,
      'entry:repaired',
      S.repaired,
      'serious_market_violations',
      MARKET,
      '食品安全严重违法行为',
    ),
    ...repair(
      [-330, -326, -324],
      S.repaired,
      'list_entry',
      'entry:repaired',
      PENALTY_RULE,
      MARKET,
      'approved',
    ),

    // four penalties of one firm, each repair at another step
    ...(['Q1', 'Q2', 'Q3', 'Q4'] as const).map((k, i) => ({
      day: -300 + 20 * i,
      what: `penalty ${k}`,
      run: submit(
        penaltyRecord(S.repairs, k, today - 300 + 20 * i, 'general', `${8000 + 1000 * i}.00`),
      ),
    })),
    ...repair([-150, -146, -144], S.repairs, 'record', ref('Q3'), PENALTY_RULE, MARKET, 'approved'),
    ...repair([-90, -86, -84], S.repairs, 'record', ref('Q4'), PENALTY_RULE, MARKET, 'refused'),
    ...repair([-8, -2], S.repairs, 'record', ref('Q2'), PENALTY_RULE, MARKET, 'forwarded'),
    ...repair([-3], S.repairs, 'record', ref('Q1'), PENALTY_RULE, MARKET, 'submitted'),

    // an objection upheld: the fine was recorded ten times too high; an A-grade taxpayer
    { day: -250, what: 'A grade', run: submit(gradeA(S.objector, 'T1', today - 250)) },
    {
      day: -150,
      what: 'penalty with a wrong fine',
      run: submit(penaltyRecord(S.objector, 'O1', today - 150, 'general', '50000.00')),
    },
    ...objection(
      [-40, -30],
      S.objector,
      'record',
      ref('O1'),
      { grounds: '处罚决定书载明罚款5000元，记录为50000元有误。', documents: ['深市监罚决定书'] },
      {
        by: officer('furnisher', A.market.id, A.market.name),
        answer: {
          outcome: 'upheld',
          reasons: '经核对处罚决定书，罚款金额应为5000元。',
          correction: { fine_amount: '5000.00' },
        },
      },
    ),

    // one firm filed twice: the duplicate merged into the registration kept
    {
      day: -600,
      what: 'penalty of the kept registration',
      run: submit(penaltyRecord(S.kept, 'K1', today - 600, 'general', '12000.00')),
    },
    {
      day: -500,
      what: 'wage arrears of the duplicate',
      run: submit(wageRecord(S.duplicate, 'K2', today - 500)),
    },
    {
      day: -200,
      what: 'duplicate merged',
      run: async (deps) => {
        await mergeSubjects(
          deps,
          {
            subject: S.kept.identifier,
            duplicate: S.duplicate.identifier,
            reason: '同一企业以两个统一社会信用代码重复建档，经核实为登记错误',
          },
          ACTOR,
        );
      },
    },
  ];
  return events.sort((a, b) => a.day - b.day);
}
