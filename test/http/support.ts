import type { LightMyRequestResponse } from 'fastify';
import type { RedisSettings } from '../../src/config.js';
import type { Role } from '../../src/domain/account.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import type { Store } from '../../src/store/store.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  PERSON,
  penalty,
  registry,
  SHANGHAI_BANK,
} from '../support/registry.js';

/** An API key per role: the Beijing market regulator furnishes, the court decides, a bank inquires. */
export type Keys = Record<Role, string>;

export interface ApiWorld {
  app: App;
  deps: ServiceDeps;
  keys: Keys;
  /** an API key of a subject account for PERSON */
  personKey: string;
}

/** The app on a fresh store with the test authorities, a person and one account of every role. */
export async function apiWorld(
  store: Store,
  options: {
    rateLimit?: number;
    /** screening and reconciliation queries a minute per account (default none) */
    screeningQueries?: number;
    /** the operator's webhook allow-list (default none) */
    webhookAllow?: string[];
    authThrottle?: { failures: number; windowSeconds: number };
    tokenMaxSeconds?: number;
    lookupThrottle?: { misses: number; windowSeconds: number };
    /** count in Redis (default: in the process) */
    redis?: RedisSettings;
  } = {},
): Promise<ApiWorld> {
  const deps = await registry(store);
  await registerSubject(deps, { subject_identifier: PERSON, subject_name: '张三' }, 'test');
  await registerSubject(
    deps,
    { subject_identifier: BEIJING_FIRM, subject_name: '北京测试科技有限公司' },
    'test',
  );
  const key = async (role: Role, authority?: string, subject?: string) =>
    (
      await createAccount(
        deps,
        {
          name: `${role} account`,
          role,
          ...(authority ? { authority } : {}),
          ...(subject ? { subject } : {}),
        },
        'test',
      )
    ).apiKey;
  const keys: Keys = {
    operator: await key('operator', BEIJING_MARKET),
    furnisher: await key('furnisher', BEIJING_MARKET),
    decider: await key('decider', NATIONAL_COURT),
    implementer: await key('implementer', BEIJING_MARKET),
    inquirer: await key('inquirer', SHANGHAI_BANK),
    subject: await key('subject', undefined, BEIJING_FIRM),
  };
  const personKey = await key('subject', undefined, PERSON);
  const app = await buildApp(deps, {
    http: {
      jwtSecret: 'a-test-secret-that-is-long-enough-0123',
      rateLimit: options.rateLimit ?? 0,
      screeningQueries: options.screeningQueries ?? 0,
      logLevel: 'silent',
      ...(options.webhookAllow ? { webhookAllow: options.webhookAllow } : {}),
      // other suites send many bad credentials from one address; the throttle has its own tests
      authThrottle: options.authThrottle ?? { failures: 1_000_000, windowSeconds: 60 },
      ...(options.tokenMaxSeconds ? { tokenMaxSeconds: options.tokenMaxSeconds } : {}),
      ...(options.lookupThrottle ? { lookupThrottle: options.lookupThrottle } : {}),
      ...(options.redis ? { redis: options.redis } : {}),
    },
    logger: false,
    webhooks: false,
  });
  await app.ready();
  return { app, deps, keys, personKey };
}

export const auth = (key: string | undefined) => (key ? { authorization: `Bearer ${key}` } : {});

/** The parsed JSON body of a response. */
export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T =>
  res.json() as T;

/** Submits a record over the API (default: the Beijing regulator's penalty, by its furnisher). */
export const submit = (
  world: ApiWorld,
  record: SubmissionInput = penalty(),
  key = world.keys.furnisher,
) => world.app.inject({ method: 'POST', url: '/v1/records', headers: auth(key), payload: record });
