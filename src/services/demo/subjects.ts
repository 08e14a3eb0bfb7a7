/** Demo subjects: each one a pure function of (seed, index), so any subject can be rebuilt alone. */
import { divisionName, makeRic, makeUscc, USCC_ALPHABET } from '../../domain/identifiers/index.js';
import type { SubjectKind } from '../../domain/subject.js';
import {
  cooperativeName,
  enterpriseName,
  individualBusinessName,
  publicBodyName,
} from './names.js';
import { mixSeed, Rng } from '../../domain/prng.js';
import {
  CITIES,
  cityOf,
  countiesOf,
  countiesOfCity,
  PROVINCE_WEIGHTS,
  PROVINCES,
  placeName,
  prefectureShort,
  provinceOfCode,
  type Province,
} from './regions.js';
import { fromDays, toDays } from './calendar.js';

/** USCC pos 1-2 of an organization, or `person`. */
export type Entity = 'person' | '91' | '92' | '93' | '11' | '12' | '51' | '52' | '53';

export interface DemoSubject {
  index: number;
  entity: Entity;
  kind: SubjectKind;
  scheme: 'uscc' | 'ric';
  identifier: string;
  /** county-level division code, the same as the identifier's */
  region: string;
  name: string;
  nameEn: string | null;
}

export interface NamePool {
  male: readonly string[];
  female: readonly string[];
}

// shares in percent: about 60 business, 35 person, 5 government and social organizations
const ENTITIES: readonly Entity[] = ['91', '92', '93', 'person', '11', '12', '51', '52', '53'];
const ENTITY_WEIGHTS: readonly number[] = [45, 12, 3, 35, 1.2, 1.5, 1.2, 0.8, 0.3];

const KIND: Record<Entity, SubjectKind> = {
  person: 'person',
  '91': 'business',
  '92': 'business',
  '93': 'business',
  '11': 'government',
  '12': 'government',
  '51': 'social_org',
  '52': 'social_org',
  '53': 'social_org',
};

// organization code prefixes of codes issued since 2015: MA market, MB establishment, MJ civil affairs
const ORG_PREFIX: Record<string, string> = { '9': 'MA', '1': 'MB', '5': 'MJ' };
const SPACE = 31 ** 6;
// coprime with 31, so index -> serial is a bijection and every code differs within a seed
const STRIDE = 1_000_003;

const BIRTH_FIRST = toDays('1950-01-01');
const BIRTH_LAST = toDays('2005-12-31');

/** The stream of a subject's own random draws. */
export function subjectRng(seed: number, index: number): Rng {
  return new Rng(mixSeed(seed, index, 1));
}

/** Only the kind of subject `index`, without building it (the first draw of its stream). */
export function entityAt(seed: number, index: number): Entity {
  return subjectRng(seed, index).weighted(ENTITIES, ENTITY_WEIGHTS);
}

function orgCode(seed: number, index: number, authority: string): string {
  let n = (index * STRIDE + (mixSeed(seed, 2) % SPACE)) % SPACE;
  let tail = '';
  for (let i = 0; i < 6; i++) {
    tail = USCC_ALPHABET[n % 31] + tail;
    n = Math.floor(n / 31);
  }
  return `${ORG_PREFIX[authority] ?? 'MA'}${tail}`;
}

function pickCounty(rng: Rng, entity: Entity): { county: string; province: Province } {
  // companies cluster in the big cities
  if (entity === '91' && rng.chance(0.4)) {
    const city = rng.pick(CITIES);
    const counties = countiesOfCity(city);
    if (counties.length > 0)
      return { county: rng.pick(counties), province: provinceOfCode(city.code) };
  }
  const province = rng.weighted(PROVINCES, PROVINCE_WEIGHTS);
  return { county: rng.pick(countiesOf(province)), province };
}

/**
 * Builds subject `index` of the data set for `seed`. Returns the subject and its random
 * stream, which goes on to draw the subject's records.
 */
export function subjectAt(
  seed: number,
  index: number,
  names: NamePool,
): { subject: DemoSubject; rng: Rng } {
  const rng = subjectRng(seed, index);
  const entity = rng.weighted(ENTITIES, ENTITY_WEIGHTS);
  const { county, province } = pickCounty(rng, entity);
  const kind = KIND[entity];

  if (entity === 'person') {
    const male = rng.chance(0.5);
    const name = rng.pick(male ? names.male : names.female);
    const birth = fromDays(rng.int(BIRTH_FIRST, BIRTH_LAST));
    // odd sequence numbers are men's, even ones women's
    const seq = 2 * rng.int(0, 498) + (male ? 1 : 2);
    const identifier = makeRic(county, birth, seq);
    const subject: DemoSubject = {
      index,
      entity,
      kind,
      scheme: 'ric',
      identifier,
      region: county,
      name,
      nameEn: null,
    };
    return { subject, rng };
  }

  const identifier = makeUscc(`${entity}${county}`, orgCode(seed, index, entity[0] as string));
  const countyName = divisionName(county) ?? '';
  let name: string;
  let nameEn: string | null = null;
  if (entity === '91') {
    const city = cityOf(county);
    const [place, placeEn] = city
      ? [city.short, city.en]
      : rng.chance(0.5)
        ? [province.short, province.en]
        : [prefectureShort(county), null];
    ({ name, nameEn } = enterpriseName(rng, place, placeEn));
  } else if (entity === '92') {
    name = individualBusinessName(rng, countyName, rng.pick(names.male).slice(0, 1));
  } else if (entity === '93') {
    name = cooperativeName(rng, countyName);
  } else {
    name = publicBodyName(
      rng,
      entity,
      placeName(county),
      divisionName(province.code) ?? province.short,
    );
  }
  return {
    subject: { index, entity, kind, scheme: 'uscc', identifier, region: county, name, nameEn },
    rng,
  };
}
