import { appliesInRegion } from '../../domain/catalog-layers.js';
import { addDuration } from '../../domain/dates.js';
import { heldOn, inClass } from '../../domain/membership.js';
import type { GroupModel, RatingModel } from '../../domain/rating-model.js';
import type { MemberEvidence } from '../../domain/ratings/group-engine.js';
import type { StoredRating } from '../../domain/rating-run.js';
import type { SubjectSummary } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';

/**
 * What a group model sees of a page of subjects (issue 22): for each one that is a group of
 * its membership in its region, the grade each current member holds under the member model,
 * read from stored ratings (a member's published rating as of a date on or before `asOf` and
 * within `ratedWithin` of it; none: null). Subjects that are no such group are left out.
 */
export async function readMemberEvidence(
  deps: ServiceDeps,
  model: GroupModel,
  subjects: readonly SubjectSummary[],
  asOf: string,
): Promise<Map<string, MemberEvidence>> {
  const membership = deps.catalog.memberships.get(model.membership);
  const memberModel = deps.catalog.ratingModels.get(model.membersAtOrAbove.model);
  const found = new Map<string, MemberEvidence>();
  if (!membership || !memberModel || memberModel.kind === 'scorecard') return found;
  const inRegion = subjects.filter((s) => appliesInRegion(model, s.region)).map((s) => s.id);
  if (inRegion.length === 0) return found;
  const groups = (await deps.store.getSubjects(inRegion)).filter((g) =>
    inClass(g, membership.group),
  );
  const membersOf = new Map(
    groups.map((g) => [
      g.id,
      [
        ...new Set(
          g.relations
            .filter((r) => r.kind === membership.id && heldOn(r, asOf))
            .map((r) => r.otherId),
        ),
      ],
    ]),
  );
  const all = [...new Set([...membersOf.values()].flat())];
  const ratings = all.length > 0 ? await deps.store.listRatingsOf(all, memberModel.id) : [];
  const current = currentGrades(ratings, asOf, model.membersAtOrAbove.ratedWithin);
  for (const g of groups)
    found.set(g.id, {
      order: memberModel.grades.map((b) => b.grade),
      modelName: memberModel.name,
      plural: membership.members.plural,
      grades: membersOf.get(g.id)!.map((id) => current.get(id) ?? null),
    });
  return found;
}

/** Each subject's grade in its latest published rating as of `asOf` that has not expired. */
function currentGrades(
  ratings: readonly StoredRating[],
  asOf: string,
  ratedWithin: string,
): Map<string, string> {
  const latest = new Map<string, StoredRating>();
  for (const r of ratings) {
    if (!r.published || r.asOf > asOf || addDuration(r.asOf, ratedWithin) <= asOf) continue;
    const seen = latest.get(r.subjectId);
    // newest rated first: an equal as-of date keeps the first seen
    if (!seen || r.asOf > seen.asOf) latest.set(r.subjectId, r);
  }
  return new Map([...latest].map(([id, r]) => [id, r.grade]));
}

/**
 * Models in the order their runs are to go: every group model after the model it rates members
 * by (a village after its households, a township after its villages), others in catalog order.
 */
export function inRatingOrder(models: Iterable<RatingModel>): RatingModel[] {
  const all = [...models];
  const placed = new Set<string>();
  const order: RatingModel[] = [];
  const place = (m: RatingModel) => {
    if (placed.has(m.id)) return;
    placed.add(m.id);
    const member = m.kind === 'group' && all.find((x) => x.id === m.membersAtOrAbove.model);
    if (member) place(member);
    order.push(m);
  };
  all.forEach(place);
  return order;
}
