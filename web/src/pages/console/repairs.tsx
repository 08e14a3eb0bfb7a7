import { QueuePage } from './decide/queue-page';
import { RepairItem } from './decide/repair-item';
import type { Repair } from './decide/types';

/** The repair queue by the deadline of the step in progress, overdue marked (operator, decider). */
export function RepairsPage() {
  return (
    <QueuePage<Repair>
      path="/v1/repairs"
      text={{
        title: 'console.repairs',
        intro: 'decide.repairs.intro',
        onlyOverdue: 'decide.repairs.onlyOverdue',
        none: 'decide.repairs.none',
        queue: 'decide.repairs.queue',
      }}
      deadline={(r) => r.dueBy}
      item={(r, status) => <RepairItem key={r.id} repair={r} status={status} />}
    />
  );
}
