import type { GroupModel, RatingModel } from '../domain/rating-model.js';
import type { RatingCheckContext } from './rating-rule-checks.js';
import type { Report } from './source.js';

/**
 * Cross-checks of a group model (issue 22): it rests on law; its membership exists and its
 * groups are the subjects it rates; its member model exists, rates the membership's members,
 * has the threshold grade, and does not lead back to the model; its two grades differ.
 */
export function checkGroupModel(model: GroupModel, ctx: RatingCheckContext, report: Report) {
  if (model.legalBasis.length === 0)
    report(['legalBasis'], 'every rating model names its legal basis (title and provision)');
  if (model.grades[0]?.grade === model.grades[1]?.grade)
    report(['grades', 1, 'grade'], 'the two grades of a group model differ');
  const membership = ctx.memberships?.get(model.membership);
  if (!membership)
    report(
      ['membership'],
      `"${model.membership}" is not a membership of the catalog (memberships.yaml: ${[...(ctx.memberships?.keys() ?? [])].join(', ') || 'none'})`,
    );
  else
    model.appliesTo.subjectKinds.forEach((k, i) => {
      if (!membership.group.kinds.includes(k))
        report(
          ['appliesTo', 'subjectKinds', i],
          `a ${k} is no group of membership "${membership.id}" (its groups are ${membership.group.kinds.join(', ')})`,
        );
    });
  const rule = model.membersAtOrAbove;
  const at = ['membersAtOrAbove'];
  if (ctx.brokenModels?.has(rule.model)) return;
  const member = ctx.ratingModels?.get(rule.model);
  if (!member) {
    report(
      [...at, 'model'],
      `"${rule.model}" is not a rating model of this catalog, its layer or the layers above it`,
    );
    return;
  }
  if (leadsBack(model.id, member, ctx.ratingModels!))
    report([...at, 'model'], `"${rule.model}" rates its members by "${model.id}" in turn: a cycle`);
  if (member.kind === 'scorecard') {
    report(
      [...at, 'model'],
      `"${rule.model}" is a scorecard: its grades have no order to count by`,
    );
    return;
  }
  const grades = member.grades.map((g) => g.grade);
  if (!grades.includes(rule.grade))
    report(
      [...at, 'grade'],
      `"${rule.grade}" is not a grade of "${rule.model}" (${grades.join(', ')})`,
    );
  membership?.members.kinds.forEach((k) => {
    if (!member.appliesTo.subjectKinds.includes(k))
      report(
        [...at, 'model'],
        `"${rule.model}" does not rate a ${k}, which membership "${membership.id}" has as members`,
      );
  });
}

/** whether following member models from `start` comes back to `id` */
function leadsBack(id: string, start: RatingModel, models: ReadonlyMap<string, RatingModel>) {
  const seen = new Set<string>();
  for (let m: RatingModel | undefined = start; m?.kind === 'group';) {
    if (m.id === id || seen.has(m.id)) return true;
    seen.add(m.id);
    m = models.get(m.membersAtOrAbove.model);
  }
  return start.id === id;
}
