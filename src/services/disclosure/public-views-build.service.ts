import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceDeps } from '../deps.js';
import { renderView, viewStamp } from './public-view.service.js';

export interface BuildViewsOptions {
  /** subjects looked at per batch; the views of a batch are saved in one transaction */
  batch: number;
  /** after each batch (e.g. `setImmediate`, so that a server answers requests in between) */
  pause?: () => Promise<void>;
  /** asked before each batch: true ends the pass early */
  stopped?: () => boolean;
  onProgress?: (progress: BuiltViews) => void;
}

export interface BuiltViews {
  /** subjects looked at */
  scanned: number;
  /** views computed and saved */
  built: number;
}

/** how long a batch waits when a writer holds the store, before it tries again */
const BUSY_RETRY_MS = 50;

/**
 * Computes and saves today's public view of every subject that has no current one, a batch at a
 * time in subject id order (one transaction each), so that reads find them saved; a pass that
 * reaches the last subject is recorded for the day and catalog.
 */
export async function buildPublicViews(
  deps: ServiceDeps,
  options: BuildViewsOptions,
): Promise<BuiltViews> {
  const stamp = viewStamp(deps);
  const render = renderView(deps, stamp.asOf);
  const done: BuiltViews = { scanned: 0, built: 0 };
  let after = '';
  while (!options.stopped?.()) {
    const page = await deps.store.scanViewless(stamp, after, options.batch);
    if (page.keys.length > 0) {
      const rendered = await deps.store.renderPublicViews(page.keys, stamp, render);
      // a writer holds the store: the same batch again, a little later
      if (!rendered) {
        await sleep(BUSY_RETRY_MS);
        continue;
      }
      done.built += rendered.size;
    }
    done.scanned += page.scanned;
    options.onProgress?.(done);
    if (page.lastId === null) {
      await deps.store.recordViewPass(stamp, deps.clock.now().toISOString());
      break;
    }
    after = page.lastId;
    await options.pause?.();
  }
  return done;
}

/** Whether today's views are yet to be built by a pass: none has run for today and this catalog. */
export async function viewsPassDue(deps: ServiceDeps): Promise<boolean> {
  return !(await deps.store.hasViewPass(viewStamp(deps)));
}
