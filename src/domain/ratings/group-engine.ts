import type { LocalizedText } from '../catalog.js';
import type { GroupModel } from '../rating-model.js';
import type { Language } from './explain.js';

/**
 * Group ratings (issue 22, rural credit): a group's grade from its members' grades under
 * another model. The result holds counts and a share only: no member's identity or grade.
 */

/** What the group engine sees of a group's members. */
export interface MemberEvidence {
  /** the member model's grades, best first */
  order: readonly string[];
  /** the member model's name, for the explanation */
  modelName: LocalizedText;
  /** the members' plural noun (households, villages) */
  plural: LocalizedText;
  /** each current member's grade under the member model; null: no current rating */
  grades: readonly (string | null)[];
}

export interface GroupResult {
  kind: 'group';
  modelId: string;
  modelVersion: string;
  subjectId: string;
  asOf: string;
  membership: string;
  /** the members' plural noun, as the count reads */
  plural: LocalizedText;
  threshold: {
    model: string;
    modelName: LocalizedText;
    grade: string;
    /** 0 to 1 */
    share: number;
    minMembers: number;
    ratedWithin: string;
  };
  /** current members */
  members: number;
  /** members holding the threshold grade or better */
  atOrAbove: number;
  /** members with no rating under the member model rated within `ratedWithin` (counted as below) */
  withoutRating: number;
  /** atOrAbove / members, 0 to 1; 0 for no members */
  share: number;
  met: boolean;
  /** why not met: too few members, or the share below the threshold */
  shortOf: 'members' | 'share' | null;
  grade: string;
  gradeLabel: LocalizedText;
}

/** Rates one group from its members' grades. */
export function evaluateGroupModel(
  model: GroupModel,
  subjectId: string,
  members: MemberEvidence,
  asOf: string,
): GroupResult {
  const rule = model.membersAtOrAbove;
  const rankOf = (g: string | null) => (g === null ? -1 : members.order.indexOf(g));
  const bar = members.order.indexOf(rule.grade);
  const count = members.grades.length;
  const atOrAbove = members.grades.filter((g) => rankOf(g) >= 0 && rankOf(g) <= bar).length;
  const withoutRating = members.grades.filter((g) => g === null).length;
  // whole percent thresholds compared in integers: 3 of 5 is exactly 60%
  const shareMet = count > 0 && atOrAbove * 100 >= Math.round(rule.share * 100) * count;
  const shortOf = count < rule.minMembers ? 'members' : shareMet ? null : 'share';
  const band = model.grades[shortOf === null ? 0 : 1]!;
  return {
    kind: 'group',
    modelId: model.id,
    modelVersion: model.version,
    subjectId,
    asOf,
    membership: model.membership,
    plural: members.plural,
    threshold: { ...rule, modelName: members.modelName },
    members: count,
    atOrAbove,
    withoutRating,
    share: count === 0 ? 0 : atOrAbove / count,
    met: shortOf === null,
    shortOf,
    grade: band.grade,
    gradeLabel: band.label,
  };
}

/** `60%`, `66.7%` */
export const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/**
 * The lines that explain a group result: the count and share behind it, the threshold, the
 * members without a current rating. Nothing of any one member.
 */
export function explainGroupResult(r: GroupResult, lang: Language = 'en'): string[] {
  const t = r.threshold;
  const noun = r.plural[lang];
  if (lang === 'zh')
    return [
      `${r.modelId} ${r.modelVersion}，评价日 ${r.asOf}：${r.grade}（${r.gradeLabel.zh}）`,
      `${r.members} 个成员${noun}中 ${r.atOrAbove} 个（${percent(r.share)}）在“${t.modelName.zh}”中为 ${t.grade} 级或以上；标准为 ${percent(t.share)}，且成员不少于 ${t.minMembers} 个`,
      ...(r.withoutRating > 0
        ? [
            `${r.members} 个成员${noun}中 ${r.withoutRating} 个在 ${t.ratedWithin} 内没有“${t.modelName.zh}”的评价，按未达 ${t.grade} 级计`,
          ]
        : []),
      ...(r.shortOf === 'members' ? [`成员少于 ${t.minMembers} 个：未达标`] : []),
    ];
  return [
    `${r.modelId} ${r.modelVersion} as of ${r.asOf}: ${r.grade} (${r.gradeLabel.en})`,
    `${r.atOrAbove} of ${r.members} member ${noun} (${percent(r.share)}) hold ${t.grade} or above under ${t.modelName.en}; the threshold is ${percent(t.share)}, with at least ${t.minMembers} members`,
    ...(r.withoutRating > 0
      ? [
          `${r.withoutRating} of the ${r.members} member ${noun} ${r.withoutRating === 1 ? 'has' : 'have'} no rating under ${t.modelName.en} within ${t.ratedWithin} and ${r.withoutRating === 1 ? 'counts' : 'count'} as below ${t.grade}`,
        ]
      : []),
    ...(r.shortOf === 'members' ? [`fewer than ${t.minMembers} members: not met`] : []),
  ];
}
