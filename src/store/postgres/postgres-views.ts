import { identifierKey } from '../store.js';
import type { IdentifierKey, RenderView, StoreReads, ViewlessPage } from '../store.js';

/**
 * Public views on PostgreSQL: none are saved. At READ COMMITTED a writer can commit between the
 * read of a file and the save of its view, and its trigger would have cleared nothing yet, so a
 * saved view could outlive the data; every view is computed from the file as it is read.
 */

/** `PublicViewStore.readPublicView`: there is never a saved one. */
export const readPublicView = (): Promise<string | null> => Promise.resolve(null);

/** `PublicViewStore.scanViewless`: nothing to build. */
export const scanViewless = (): Promise<ViewlessPage> =>
  Promise.resolve({ keys: [], scanned: 0, lastId: null });

/** `PublicViewStore.hasViewPass`: there is never anything to build. */
export const hasViewPass = (): Promise<boolean> => Promise.resolve(true);

/** `PublicViewStore.recordViewPass`: nothing to record. */
export const recordViewPass = (): Promise<void> => Promise.resolve();

/** `PublicViewStore.renderPublicViews`: each file read (its own snapshot) and rendered, nothing saved. */
export async function renderPublicViews(
  reads: Pick<StoreReads, 'readSubjectFile'>,
  keys: readonly IdentifierKey[],
  render: RenderView,
): Promise<Map<string, string>> {
  const rendered = new Map<string, string>();
  for (const key of keys) {
    const file = await reads.readSubjectFile(key);
    if (file) rendered.set(identifierKey(key), await render(file));
  }
  return rendered;
}
