import { useI18n } from '../../i18n';
import { useDuration } from '../self/repair-rules';

/** A group rating's count and share as the API gives it (PublicGroupCount, issue 22). */
export interface GroupCount {
  membership: string;
  plural: { zh: string; en: string };
  members: number;
  atOrAbove: number;
  withoutRating: number;
  share: number;
  met: boolean;
  gradeLabel: { zh: string; en: string };
  threshold: {
    model: string;
    modelName: { zh: string; en: string };
    grade: string;
    share: number;
    minMembers: number;
    ratedWithin: string;
  };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Why a village is (not yet) a credit village: how many of its members, what share, against what threshold. */
export function GroupCountBlock({ group }: { group: GroupCount }) {
  const { t, pick } = useI18n();
  const duration = useDuration();
  const th = group.threshold;
  return (
    <div className="group-count">
      <p className="grade-reason">
        <strong>{pick(group.gradeLabel)}</strong>{' '}
        {t('rating.group.count', {
          atOrAbove: group.atOrAbove,
          members: group.members,
          noun: pick(group.plural),
          share: percent(group.share),
          grade: th.grade,
          model: pick(th.modelName),
          threshold: percent(th.share),
          min: th.minMembers,
        })}
      </p>
      {group.withoutRating > 0 && (
        <p className="small muted">
          {t('rating.group.without', {
            count: group.withoutRating,
            within: duration(th.ratedWithin),
            grade: th.grade,
          })}
        </p>
      )}
      {group.members < th.minMembers && (
        <p className="small muted">{t('rating.group.tooFew', { min: th.minMembers })}</p>
      )}
    </div>
  );
}
