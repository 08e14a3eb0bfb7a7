import type { Store } from '../../../src/store/store.js';
import { submit } from '../../http/support.js';
import {
  courtRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
} from '../../support/lists.js';
import { NATIONAL_COURT, SHANGHAI_FIRM } from '../../support/registry.js';
import { type PortalWorld, startPortal } from './portal.js';

/**
 * The portal with the test world's penalty record and a firm on the court's list since April,
 * in force on the portal's today (2026-06-15): what a reader of a blacklisted firm finds.
 */
export async function startPortalWithListedFirm(store: Store): Promise<PortalWorld> {
  const world = await startPortal(store);
  const submitted = await submit(world);
  if (submitted.statusCode !== 201) throw new Error(`the record was refused: ${submitted.body}`);
  await registerListAuthorities(world.deps);
  await listThroughDecision(
    on(world.deps, '2026-04-02'),
    courtRecord({
      subject_identifier: SHANGHAI_FIRM,
      subject_name: '上海失信贸易有限公司',
      decision_date: '2026-04-01',
    }),
    'dishonest_judgment_debtors',
    NATIONAL_COURT,
  );
  return world;
}
