import type { Catalog } from '../domain/catalog.js';
import type { Clock } from '../domain/clock.js';
import type { ReadRouting, Store } from '../store/store.js';

/** What every service needs: the store, the loaded catalog and a clock. */
export interface ServiceDeps {
  store: Store;
  catalog: Catalog;
  clock: Clock;
  /** hot standbys for the public reads (a server with DATABASE_READ_URL); absent: the store answers all */
  reads?: ReadRouting;
}
