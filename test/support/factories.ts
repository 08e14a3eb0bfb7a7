import { randomUUID } from 'node:crypto';
import { sha256 } from '../../src/domain/audit.js';
import type { Authority } from '../../src/domain/authority.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { recordVersionId, subjectIdFor } from '../../src/domain/ids.js';
import type { ListEntry, NewListTransition } from '../../src/domain/list-entry.js';
import type { Objection } from '../../src/domain/objection.js';
import type { RecordVersion } from '../../src/domain/record.js';
import type { Subject } from '../../src/domain/subject.js';

/** Small factories for test data: valid identifiers, unique per call, any field overridable. */

/** a key for persons' ids of subjects a test inserts itself (a store's own is drawn at random) */
export const TEST_ID_KEY = sha256('a test store');

let counter = 0;
const next = (): number => ++counter;
const orgCode = (n: number): string => String(n % 100_000_000).padStart(8, '0');

/** A valid USCC, unique per call; `first8` sets registering authority, entity type and region. */
export function uniqueUscc(first8 = '91110105'): string {
  return makeUscc(first8, orgCode(next()));
}

/** A valid resident ID number, unique per call (the birth date walks forward every 999). */
export function uniqueRic(region = '110105'): string {
  const n = next();
  const birth = new Date(Date.UTC(1970, 0, 1 + Math.floor(n / 999))).toISOString().slice(0, 10);
  return makeRic(region, birth, (n % 999) + 1);
}

/** An enterprise in Beijing (Chaoyang) with a USCC and a Chinese name. */
export function makeSubject(overrides: Partial<Subject> = {}): Subject {
  const value = uniqueUscc();
  return {
    id: subjectIdFor(TEST_ID_KEY, 'uscc', value),
    kind: 'business',
    region: '110105',
    identifiers: [{ scheme: 'uscc', value, validFrom: null, validTo: null }],
    names: [{ name: `北京测试科技有限公司${counter}`, lang: 'zh', script: 'Hans', current: true }],
    relations: [],
    createdAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/** A person with a resident ID number. */
export function makePerson(overrides: Partial<Subject> = {}): Subject {
  const value = uniqueRic();
  return makeSubject({
    id: subjectIdFor(TEST_ID_KEY, 'ric', value),
    kind: 'person',
    identifiers: [{ scheme: 'ric', value, validFrom: null, validTo: null }],
    names: [{ name: `张${counter}`, lang: 'zh', script: 'Hans', current: true }],
    ...overrides,
  });
}

/** A municipal market regulator: domain `market`, region Beijing. */
export function makeAuthority(overrides: Partial<Authority> = {}): Authority {
  const id = uniqueUscc('11110000');
  return {
    id,
    name: `北京市市场监督管理局${counter}`,
    nameEn: `Beijing Administration for Market Regulation ${counter}`,
    domains: ['market'],
    regions: ['110000'],
    ...overrides,
  };
}

/** The first version of an administrative penalty; subject and authority must be given. */
export function makeRecordVersion(
  overrides: Partial<RecordVersion> & Pick<RecordVersion, 'subjectId' | 'authorityId'>,
): RecordVersion {
  const n = next();
  const sourceRef = overrides.sourceRef ?? `SRC-${n}`;
  const version = overrides.version ?? 1;
  const id = recordVersionId(overrides.authorityId, sourceRef, version);
  return {
    id,
    recordId: id,
    version,
    supersedes: null,
    action: 'submit',
    reason: null,
    type: 'admin_penalty',
    legalBasis: '《中华人民共和国行政处罚法》第二十八条',
    documentNumber: `京市监罚〔2025〕${n}号`,
    decisionDate: '2025-03-14',
    effectiveDate: '2025-03-20',
    endDate: null,
    facts: '销售不符合食品安全标准的食品',
    severity: 'general',
    disclosure: 'public',
    fields: { violation_type: 'food_safety', penalty_classes: ['warning', 'fine'] },
    amounts: [{ field: 'fine_amount', minor: 5_000_000, currency: 'CNY' }],
    sourceRef,
    contentHash: sha256(`content ${n}`),
    recordedAt: '2025-03-21T08:00:00.000Z',
    recordedBy: 'test',
    ...overrides,
  };
}

/** The next version of `previous`: a correction unless `overrides.action` says otherwise. */
export function makeNextVersion(
  previous: RecordVersion,
  overrides: Partial<RecordVersion> = {},
): RecordVersion {
  const version = previous.version + 1;
  return {
    ...previous,
    id: recordVersionId(previous.authorityId, previous.sourceRef, version),
    version,
    supersedes: previous.id,
    action: 'correct',
    reason: 'the fine was entered wrongly',
    contentHash: sha256(`${previous.contentHash} ${version}`),
    ...overrides,
  };
}

/** An effective entry on the serious-violations list, two years from 2025-04-01; subject and authority must be given. */
export function makeListEntry(
  overrides: Partial<ListEntry> & Pick<ListEntry, 'subjectId' | 'authorityId'>,
): ListEntry {
  const n = next();
  return {
    id: `lst_${sha256(`entry ${n}`).slice(0, 24)}`,
    listType: 'market_serious_violation',
    state: 'effective',
    recordIds: [`rec_${n}`],
    circumstance: null,
    proposedOn: '2025-03-03',
    noticeEnds: '2025-03-17',
    noticeWaived: false,
    effectiveFrom: '2025-04-01',
    endsOn: '2027-04-01',
    removedOn: null,
    removal: null,
    lastSeq: 0,
    ...overrides,
  };
}

/** A transition of `entry` into its current state, as a service would append it. */
export function makeTransition(
  entry: ListEntry,
  overrides: Partial<NewListTransition> = {},
): NewListTransition {
  return {
    entryId: entry.id,
    subjectId: entry.subjectId,
    listType: entry.listType,
    kind: 'decide',
    fromState: 'noticed',
    toState: entry.state,
    effectiveDate: entry.effectiveFrom ?? entry.proposedOn,
    at: '2025-04-01T02:00:00.000Z',
    actor: `clerk-${next()}`,
    reason: '列入严重违法失信名单',
    recordIds: [...entry.recordIds],
    data: { endsOn: entry.endsOn },
    ...overrides,
  };
}

/** An open objection to a record of the subject; override anything. */
export function makeObjection(overrides: Partial<Objection> = {}): Objection {
  return {
    id: `obj_${randomUUID()}`,
    subjectId: 'sub_unknown',
    item: 'record',
    itemId: 'rec_unknown',
    itemType: 'admin_penalty',
    authorityId: null,
    grounds: '金额有误',
    documents: ['缴款凭证'],
    filedBy: 'acc_subject',
    filedOn: '2026-06-15',
    rule: 'administrative_reconsideration',
    answerBy: '2026-06-30',
    state: 'open',
    decidedOn: null,
    decidedBy: null,
    reasons: null,
    outcomeRef: null,
    reconsiders: null,
    ...overrides,
  };
}
