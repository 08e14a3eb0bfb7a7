import type { Reader } from '../services/inquiries/inquiry.service.js';
import type { Command } from 'commander';
import { readConfig, type Config } from '../config.js';
import type { ServiceDeps } from '../services/deps.js';
import type { OpenOptions } from '../store/open.js';

/** The global options every command inherits. */
interface GlobalOptions {
  db?: string;
  catalog?: string;
}

export function configOf(command: Command): Config {
  const config = readConfig();
  const opts = command.optsWithGlobals<GlobalOptions>();
  return {
    ...config,
    ...(opts.db ? { databaseUrl: opts.db } : {}),
    ...(opts.catalog ? { catalogDir: opts.catalog } : {}),
  };
}

/** Opens the catalog and the store (migrating it), runs `fn`, and always closes the store. */
export async function withServices<T>(
  command: Command,
  fn: (deps: ServiceDeps, config: Config) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const config = configOf(command);
  // loaded here, not at start-up: `--help` and `id check` never open a store or a catalog
  const [{ loadCatalog }, { openStore }, { systemClock }] = await Promise.all([
    import('../catalog/load.js'),
    import('../store/open.js'),
    import('../domain/clock.js'),
  ]);
  const catalog = await loadCatalog(config.catalogDir);
  const store = await openStore(config.databaseUrl, {
    connectTimeoutMs: config.store.connectTimeoutMs,
    synchronous: config.store.sqliteSynchronous,
    minFreeBytes: config.store.sqliteMinFreeBytes,
    ...options,
  });
  try {
    await store.migrate();
    return await fn({ store, catalog, clock: systemClock }, config);
  } finally {
    await store.close();
  }
}

/**
 * `withServices` for a server, which answers reads by the thousand: the store opened for them,
 * with its hot standbys (DATABASE_READ_URL) for the public reads where there are any.
 */
export const withServingServices = <T>(
  command: Command,
  fn: (deps: ServiceDeps, config: Config) => Promise<T>,
): Promise<T> =>
  withServices(
    command,
    async (deps, config) => {
      if (config.databaseReadUrls.length === 0) return fn(deps, config);
      const { openStandbys } = await import('../store/open.js');
      const reads = await openStandbys(deps.store, config.databaseReadUrls, {
        maxLagMs: config.standbyMaxLagMs,
        connectTimeoutMs: config.store.connectTimeoutMs,
        statementTimeoutMs: config.store.statementTimeoutMs,
      });
      try {
        return await fn({ ...deps, reads }, config);
      } finally {
        await reads.close();
      }
    },
    {
      memoryMap: true,
      // a request waits this long at most for a statement; commands run as long as they need
      statementTimeoutMs: readConfig().store.statementTimeoutMs,
    },
  );

/** The console acts for the operator: each read it makes is logged under this reader. */
export const consoleReader = (actor: string): Reader => ({
  id: `cli:${actor}`,
  name: actor,
  role: 'operator',
  authorityId: null,
  subjectId: null,
});
