import { beforeEach } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { Catalog } from '../../src/domain/catalog.js';
import { fixedClock } from '../../src/domain/clock.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import type { Store } from '../../src/store/store.js';
import { storePerTest, type Backend } from './backends.js';

/** The instant every registry test runs at. */
export const NOW = '2026-06-15T10:00:00.000Z';
export const TODAY = NOW.slice(0, 10);

/** Authorities of the test world: a Beijing market regulator, a national court, a Shanghai bank. */
export const BEIJING_MARKET = makeUscc('11110000', 'MB000001');
export const NATIONAL_COURT = makeUscc('12100000', '40000013');
export const SHANGHAI_BANK = makeUscc('91310000', '13221170');

/** Subjects: a Beijing enterprise, a Shanghai enterprise, a person from Guangzhou. */
export const BEIJING_FIRM = '91110000600037341L';
export const SHANGHAI_FIRM = makeUscc('91310115', 'MA1K3BTP');
export const PERSON = makeRic('440113', '1985-03-02', 17);

let catalog: Catalog | undefined;

export async function defaultCatalog(): Promise<Catalog> {
  catalog ??= await loadCatalog(DEFAULT_CATALOG_DIR);
  return catalog;
}

/**
 * A fresh store before each test of the enclosing suite with the registry's services on it,
 * after `prepare` (what the suite's tests all start from); cleaned up after each test.
 */
export function registryPerTest(
  backend: Backend,
  prepare: (sut: ServiceDeps) => Promise<void> = async () => undefined,
): () => ServiceDeps {
  const store = storePerTest(backend);
  let sut: ServiceDeps | undefined;
  beforeEach(async () => {
    sut = await registry(store());
    await prepare(sut);
  });
  return () => {
    if (!sut) throw new Error('the registry is open only inside a test');
    return sut;
  };
}

/** Services on `store` with the default catalog, a fixed clock and the test authorities registered. */
export async function registry(store: Store, now = NOW): Promise<ServiceDeps> {
  const deps: ServiceDeps = { store, catalog: await defaultCatalog(), clock: fixedClock(now) };
  await registerAuthority(
    deps,
    { id: BEIJING_MARKET, name: '北京市市场监督管理局', domains: ['market'], regions: ['110000'] },
    'operator',
  );
  await registerAuthority(
    deps,
    { id: NATIONAL_COURT, name: '最高人民法院', domains: ['judicial'], regions: ['000000'] },
    'operator',
  );
  await registerAuthority(
    deps,
    { id: SHANGHAI_BANK, name: '上海某商业银行', domains: ['finance'], regions: ['310000'] },
    'operator',
  );
  return deps;
}

/** An administrative penalty by the Beijing market regulator against the Beijing firm. */
export function penalty(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: BEIJING_FIRM,
    subject_name: '北京某某科技有限公司',
    type: 'admin_penalty',
    authority: BEIJING_MARKET,
    source_ref: 'P-2026-0001',
    legal_basis: '中华人民共和国行政处罚法 第九条',
    document_number: '京市监罚〔2026〕101号',
    decision_date: '2026-03-01',
    severity: 'general',
    facts: '销售不合格产品',
    violation_type: '产品质量',
    penalty_classes: 'fine|confiscation',
    fine_amount: '50000.00',
    basis_provision: '产品质量法 第四十九条',
    ...overrides,
  };
}

/** A loan default by a Shanghai bank about the Shanghai firm: restricted financial data. */
export function loanDefault(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: SHANGHAI_FIRM,
    subject_name: '上海测试贸易有限公司',
    type: 'loan_default',
    source_ref: 'L-1',
    legal_basis: '征信业管理条例 第十四条',
    decision_date: '2026-05-01',
    lender: '上海某商业银行',
    amount: '120000.00',
    days_past_due: 95,
    ...overrides,
  };
}
