import type { Catalog } from '../domain/catalog.js';
import type { Clock } from '../domain/clock.js';
import type { Store } from '../store/store.js';

/** What every service needs: the store, the loaded catalog and a clock. */
export interface ServiceDeps {
  store: Store;
  catalog: Catalog;
  clock: Clock;
}
