import {
  buildPublicViews,
  viewsPassDue,
} from '../services/disclosure/public-views-build.service.js';
import type { ServiceDeps } from '../services/deps.js';
import { soleProcess, type Leadership } from './shared-state.js';
import type { App, ViewsLoop } from './types.js';

/** milliseconds to the next UTC midnight, and a second more */
const untilTomorrow = (now: Date): number =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime() + 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const VIEWS_LEASE = 'views-loop';
const LEASE_MARGIN_MS = 5 * 60_000;
/** a long pass renews its lease this often */
const RENEW_MS = 60_000;

/**
 * Keeps the saved public views current while the server runs, building those that are missing
 * (new subjects, views a write cleared, a new day or catalog): a pass when it is ready unless one
 * has been made today under this catalog, then every `intervalMs` and when the day turns. A pass
 * goes in small batches with a turn of the event loop between them, so requests are answered
 * meanwhile. Stops on close. Of several processes on one store, the one holding the loop's
 * lease runs it.
 */
export function keepViewsCurrent(
  app: App,
  deps: ServiceDeps,
  loop: ViewsLoop,
  leader: Leadership = soleProcess,
): void {
  let stopped = false;
  let pass: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  // held past the next turn: another process takes the loop over only once this one is gone
  const lease = () => leader.held(VIEWS_LEASE, loop.intervalMs + LEASE_MARGIN_MS);
  const build = async (first: boolean) => {
    if (!(await lease())) return;
    if (first && !(await viewsPassDue(deps))) return;
    let renewed = Date.now();
    let lost = false;
    const done = await buildPublicViews(deps, {
      batch: loop.batch,
      pause: async () => {
        await nextTurn();
        if (Date.now() - renewed < RENEW_MS) return;
        renewed = Date.now();
        lost = !(await lease());
      },
      stopped: () => stopped || lost,
    });
    if (done.built > 0) app.log.info(done, 'public views built');
  };
  const run = (first: boolean) => {
    pass = build(first)
      .catch((error: unknown) => app.log.error({ err: error }, 'public views pass failed'))
      .then(() => {
        if (stopped) return;
        // at the latest when the day turns: every saved view is then a day old
        timer = setTimeout(
          () => run(false),
          Math.min(loop.intervalMs, untilTomorrow(deps.clock.now())),
        );
        timer.unref();
      });
  };
  app.addHook('onReady', async () => run(true));
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await pass;
  });
}
