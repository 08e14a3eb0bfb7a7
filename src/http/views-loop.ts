import {
  buildPublicViews,
  viewsPassDue,
} from '../services/disclosure/public-views-build.service.js';
import type { ServiceDeps } from '../services/deps.js';
import type { App, ViewsLoop } from './types.js';

/** milliseconds to the next UTC midnight, and a second more */
const untilTomorrow = (now: Date): number =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime() + 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps the saved public views current while the server runs, building those that are missing
 * (new subjects, views a write cleared, a new day or catalog): a pass when it is ready unless one
 * has been made today under this catalog, then every `intervalMs` and when the day turns. A pass
 * goes in small batches with a turn of the event loop between them, so requests are answered
 * meanwhile. Stops on close.
 */
export function keepViewsCurrent(app: App, deps: ServiceDeps, loop: ViewsLoop): void {
  let stopped = false;
  let pass: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const build = async (first: boolean) => {
    if (first && !(await viewsPassDue(deps))) return;
    const done = await buildPublicViews(deps, {
      batch: loop.batch,
      pause: nextTurn,
      stopped: () => stopped,
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
