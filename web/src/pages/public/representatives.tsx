import { Fragment } from 'react';
import { api } from '../../api';
import { useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';

interface Representative {
  kind: 'legal_representative' | 'principal';
  name: string;
  since: string | null;
}

/**
 * An organization's legal representative and principal, as its registration publishes them:
 * rows of the identity list, read live (a person's number is never shown).
 */
export function Representatives({ identifier }: { identifier: string }) {
  const { t } = useI18n();
  const found = useLoad(
    (signal) =>
      api<{ items: Representative[] }>(
        `/v1/subjects/${encodeURIComponent(identifier)}/representatives`,
        { signal },
      ),
    [identifier],
  );
  // the identity list reads whole without it: nothing is shown while it loads or if it fails
  const items = found.data?.items ?? [];
  return (
    <>
      {items.map((r) => (
        <Fragment key={`${r.kind}-${r.name}`}>
          <dt>{t(r.kind === 'principal' ? 'subject.principal' : 'subject.legalRepresentative')}</dt>
          <dd>{r.name}</dd>
        </Fragment>
      ))}
    </>
  );
}
