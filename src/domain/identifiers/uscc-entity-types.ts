import type { SubjectKind } from '../subject.js';

interface EntityType {
  name: string;
  /** the subject kind (SPEC 4.1) the type implies; undefined when it implies none */
  kind: SubjectKind | undefined;
}

interface Authority {
  name: string;
  types: Record<string, EntityType>;
}

const t = (name: string, kind: SubjectKind | undefined): EntityType => ({ name, kind });

/**
 * USCC pos 1 (registration authority) and pos 2 (entity type), GB 32100-2015 annex table.
 * Kinds follow SPEC 4.1: market entities and rural collective economic organisations are
 * `business`; organs and public institutions (including notary offices and arbitration
 * commissions, which are set up as public institutions, and military public institutions)
 * are `government`; every other non-profit organisation is `social_org`; `Y` implies none.
 */
export const USCC_AUTHORITIES: Record<string, Authority> = {
  '1': {
    name: 'institutional establishment (机构编制)',
    types: {
      '1': t('government organ (机关)', 'government'),
      '2': t('public institution (事业单位)', 'government'),
      '3': t('mass organisation under the central establishment office (群众团体)', 'social_org'),
      '9': t('other (其他)', 'government'),
    },
  },
  '2': {
    name: 'foreign affairs (外交)',
    types: {
      '1': t('resident foreign news agency (外国常驻新闻机构)', 'social_org'),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '3': {
    name: 'justice (司法行政)',
    types: {
      '1': t('law firm (律师执业机构)', 'social_org'),
      '2': t('notary office (公证处)', 'government'),
      '3': t('grassroots legal service office (基层法律服务所)', 'social_org'),
      '4': t('judicial appraisal institution (司法鉴定机构)', 'social_org'),
      '5': t('arbitration commission (仲裁委员会)', 'government'),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '4': {
    name: 'culture (文化)',
    types: {
      '1': t('foreign cultural centre (外国在华文化中心)', 'social_org'),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '5': {
    name: 'civil affairs (民政)',
    types: {
      '1': t('social group (社会团体)', 'social_org'),
      '2': t('private non-enterprise unit (民办非企业单位)', 'social_org'),
      '3': t('foundation (基金会)', 'social_org'),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '6': {
    name: 'tourism (旅游)',
    types: {
      '1': t('foreign tourism office (外国旅游部门常驻代表机构)', 'social_org'),
      '2': t(
        'Hong Kong, Macao or Taiwan tourism office (港澳台地区旅游部门常驻代表机构)',
        'social_org',
      ),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '7': {
    name: 'religious affairs (宗教)',
    types: {
      '1': t('place of religious activity (宗教活动场所)', 'social_org'),
      '2': t('religious college (宗教院校)', 'social_org'),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '8': {
    name: 'trade unions (工会)',
    types: {
      '1': t('grassroots trade union (基层工会)', 'social_org'),
      '9': t('other (其他)', 'social_org'),
    },
  },
  '9': {
    name: 'market regulation (工商)',
    types: {
      '1': t('enterprise (企业)', 'business'),
      '2': t('individual business (个体工商户)', 'business'),
      '3': t("farmers' cooperative (农民专业合作社)", 'business'),
    },
  },
  A: {
    name: 'military establishment office (中央军委改革和编制办公室)',
    types: {
      '1': t('military public institution (军队事业单位)', 'government'),
      '9': t('other (其他)', 'government'),
    },
  },
  N: {
    name: 'agriculture (农业)',
    types: {
      '1': t('group-level collective economic organisation (组级集体经济组织)', 'business'),
      '2': t('village-level collective economic organisation (村级集体经济组织)', 'business'),
      '3': t('township-level collective economic organisation (乡镇级集体经济组织)', 'business'),
      '9': t('other (其他)', 'business'),
    },
  },
  Y: {
    name: 'other registration authorities (其他)',
    types: { '1': t('not subdivided (不再具体划分机构类别)', undefined) },
  },
};

/**
 * The registration authority a USCC's first character names, in both languages (the table's
 * names are written "english (中文)"); null for a character the table does not hold.
 */
export function usccRegistrationAuthority(uscc: string): { zh: string; en: string } | null {
  const name = USCC_AUTHORITIES[uscc.charAt(0)]?.name;
  const parts = name && /^(.*) \((.*)\)$/.exec(name);
  return parts ? { zh: parts[2]!, en: parts[1]! } : null;
}
