import { ObjectionItem } from './decide/objection-item';
import { QueuePage } from './decide/queue-page';
import type { Objection } from './decide/types';

/** The objection queue by answer date, overdue marked (decider, operator). */
export function ObjectionsPage() {
  return (
    <QueuePage<Objection>
      path="/v1/objections"
      text={{
        title: 'console.objections',
        intro: 'decide.objections.intro',
        onlyOverdue: 'decide.objections.onlyOverdue',
        none: 'decide.objections.none',
        queue: 'decide.objections.queue',
      }}
      deadline={(o) => o.answerBy}
      item={(o, status) => <ObjectionItem key={o.id} objection={o} status={status} />}
    />
  );
}
