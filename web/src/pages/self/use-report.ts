import { useLoad } from '../../components/use-load';
import { useSession } from '../../session';
import type { OwnReport } from './report-types';

export const reportPath = (identifier: string) =>
  `/v1/subjects/${encodeURIComponent(identifier)}/report`;

/** The own report; each read lands in the subject's own inquiry log as subject_own. */
export function useOwnReport(identifier: string) {
  const { call } = useSession();
  return useLoad((signal) => call<OwnReport>(reportPath(identifier), { signal }), [identifier]);
}

/** A link to the objection form for one item of the file. */
export const objectionLink = (item: string, id: string) =>
  `/me/objections/new?${new URLSearchParams({ item, id }).toString()}`;

/** A link to the repair form for one record or list entry. */
export const repairLink = (item: 'record' | 'list_entry', id: string) =>
  `/me/repairs/new?${new URLSearchParams({ item, id }).toString()}`;

/** The current name of the subject, else the first one. */
export const subjectName = (report: OwnReport) =>
  (report.subject.names.find((n) => n.current) ?? report.subject.names[0])?.name ?? '';
