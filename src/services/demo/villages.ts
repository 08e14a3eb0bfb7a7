/**
 * Demo villages in Rongcheng (issue 22, rural credit): two villages (USCC class N2, village-level
 * collective economic organisations) with their member households, and the township (N3) they
 * belong to, so that the Rongcheng credit village and township models have groups to rate.
 * Names and codes are made up ("示例", organization codes 4900003x); the records are an
 * agriculture bureau's honours and penalties, dated back from today. By hand, under the
 * Rongcheng personal points (1000 to start, A from 960):
 * - 东山村: 5 households, 1030, 1005, 1000, 1000 and 900: 4 of 5 (80%) hold A or above, a credit village
 * - 西河村: 4 households, 1000, 1000, 900 and 900: 2 of 4 (50%), under 60%: not yet
 * - the township: 1 of its 2 villages (50%) is a credit village: a credit township
 * Loading the demo again the same day adds nothing.
 */
import { dateOf } from '../../domain/clock.js';
import { addDays } from '../../domain/dates.js';
import { makeRic, makeUscc } from '../../domain/identifiers/index.js';
import { isCredenceError } from '../../errors.js';
import { authorityMap, registerAuthority, type AuthorityInput } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';
import { submitRecord } from '../records/records.service.js';
import type { SubmissionInput } from '../records/submission.js';
import { addRelation, findSubject, registerSubject } from '../subjects/subjects.service.js';

const AGRICULTURE: AuthorityInput = {
  id: makeUscc('11371082', '49000030'),
  name: '荣成市农业农村局（示例）',
  nameEn: 'Rongcheng Agriculture and Rural Affairs Bureau (demo)',
  domains: ['agriculture'],
  regions: ['371082'],
};

/** What a household's decisions were: none, an honour, or a serious penalty. */
type Deed = 'none' | 'heroic_act' | 'volunteer_service' | 'serious_penalty';

interface Village {
  id: string;
  name: string;
  households: Array<{ id: string; name: string; deed: Deed }>;
}

const household = (seq: number, name: string, deed: Deed) => ({
  id: makeRic('371082', `19${60 + seq}-0${1 + (seq % 9)}-1${seq % 9}`, 30 + seq * 2),
  name,
  deed,
});

export const DEMO_VILLAGES: readonly Village[] = [
  {
    id: makeUscc('N2371082', '49000031'),
    name: '荣成市示例东山村股份经济合作社',
    households: [
      household(1, '于示海', 'heroic_act'),
      household(2, '王示林', 'volunteer_service'),
      household(3, '张示田', 'none'),
      household(4, '刘示春', 'none'),
      household(5, '孙示河', 'serious_penalty'),
    ],
  },
  {
    id: makeUscc('N2371082', '49000032'),
    name: '荣成市示例西河村股份经济合作社',
    households: [
      household(6, '李示山', 'none'),
      household(7, '赵示明', 'none'),
      household(8, '周示成', 'serious_penalty'),
      household(9, '吴示德', 'serious_penalty'),
    ],
  },
];

export const DEMO_TOWNSHIP = {
  id: makeUscc('N3371082', '49000033'),
  name: '荣成市示例镇农村集体经济联合总社',
};

export interface DemoVillages {
  /** authorities this run registered (the agriculture bureau, the first time) */
  authorities: number;
  /** the villages' and the township's identifiers */
  groups: string[];
  /** identifiers of every subject it adds: the township, the villages, the households */
  subjects: string[];
  /** memberships recorded by this run (0 when a run before recorded them) */
  memberships: number;
}

/** Registers the villages, the township and the households with their decisions and memberships. */
export async function loadDemoVillages(deps: ServiceDeps, actor: string): Promise<DemoVillages> {
  const authorities = (await authorityMap(deps)).has(AGRICULTURE.id) ? 0 : 1;
  if (authorities > 0) await registerAuthority(deps, AGRICULTURE, actor, 'the demo data set');
  const decided = addDays(dateOf(deps.clock.now()), -60);
  let memberships = 0;
  const member = async (group: string, kind: string, other: string) => {
    const subject = await findSubject(deps, group, 'uscc');
    const otherSubject = await findSubject(deps, other);
    if (subject.relations.some((r) => r.kind === kind && r.otherId === otherSubject.id)) return;
    await addRelation(deps, { subject: group, kind, other }, actor);
    memberships++;
  };
  await registered(deps, DEMO_TOWNSHIP, actor);
  for (const village of DEMO_VILLAGES) {
    await registered(deps, village, actor);
    for (const h of village.households) {
      await registered(deps, h, actor);
      const record = decision(h, decided);
      // the same source reference again is unchanged: a second load adds no record
      if (record) await submitRecord(deps, record, actor);
      await member(village.id, 'village_household', h.id);
    }
    await member(DEMO_TOWNSHIP.id, 'township_village', village.id);
  }
  const groups = [DEMO_TOWNSHIP.id, ...DEMO_VILLAGES.map((v) => v.id)];
  const households = DEMO_VILLAGES.flatMap((v) => v.households.map((h) => h.id));
  return { authorities, groups, subjects: [...groups, ...households], memberships };
}

async function registered(deps: ServiceDeps, s: { id: string; name: string }, actor: string) {
  const found = await findSubject(deps, s.id).catch((error: unknown) => {
    if (isCredenceError(error) && error.code === 'SUBJECT_NOT_FOUND') return null;
    throw error;
  });
  if (!found)
    await registerSubject(deps, { subject_identifier: s.id, subject_name: s.name }, actor);
}

function decision(
  h: { id: string; name: string; deed: Deed },
  decided: string,
): SubmissionInput | null {
  const common = {
    subject_identifier: h.id,
    subject_name: h.name,
    authority: AGRICULTURE.id,
    source_ref: `DEMO-VILLAGE-${h.id.slice(-6)}`,
    decision_date: decided,
  };
  if (h.deed === 'none') return null;
  if (h.deed === 'serious_penalty')
    return {
      ...common,
      type: 'admin_penalty',
      legal_basis: '农药管理条例 第六十条',
      document_number: `荣农罚〔示例〕${h.id.slice(-3)}号`,
      severity: 'serious',
      facts: '在蔬菜生产中使用禁用农药',
      violation_type: '农药使用',
      penalty_classes: 'fine',
      fine_amount: '50000.00',
      basis_provision: '农药管理条例 第六十条第一款',
    };
  return {
    ...common,
    type: 'rc_civic_honour',
    legal_basis: '荣成市诚信荣誉表彰决定（示例）',
    deed: h.deed,
    honour: h.deed === 'heroic_act' ? '见义勇为先进个人' : '优秀志愿者',
  };
}
