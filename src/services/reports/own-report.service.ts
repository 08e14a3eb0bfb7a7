import type { Inquiry } from '../../domain/inquiry.js';
import type { Objection } from '../../domain/objection.js';
import type { RepairApplication } from '../../domain/repair.js';
import { objectionsOf } from '../objections/objections.service.js';
import { repairsOf } from '../repairs/repairs.service.js';
import type { ServiceDeps } from '../deps.js';
import {
  inquireFile,
  OWN_PURPOSE,
  type InquiredFile,
  type Reader,
} from '../inquiries/inquiry.service.js';

/** The subject's own report (SPEC 4.7): the whole file, restricted records too, and who looked at it. */
export interface OwnReport extends InquiredFile {
  generatedAt: string;
  /** every inquiry into the file, oldest first, this one last */
  inquiries: Inquiry[];
  /** every objection, open and answered, and whether each is overdue */
  objections: Array<Objection & { overdue: boolean }>;
  /** every repair application, open and decided, with the deadline of the step in progress */
  repairs: Array<RepairApplication & { dueBy: string | null; overdue: boolean }>;
  /** every published rating of the subject, oldest first: the score history per model */
  ratingHistory: RatingPoint[];
}

export interface RatingPoint {
  modelId: string;
  modelVersion: string;
  asOf: string;
  score: number | null;
  grade: string;
  runId: string | null;
}

const PAGE = 1000;

/** Reads the report as an inquiry of its own (purpose subject_own), then the whole inquiry log. */
export async function ownReport(
  deps: ServiceDeps,
  reader: Reader,
  identifier: string,
  asOf?: string,
): Promise<OwnReport> {
  const file = await inquireFile(deps, {
    reader,
    identifier,
    purpose: OWN_PURPOSE,
    ...(asOf !== undefined ? { asOf } : {}),
  });
  const inquiries: Inquiry[] = [];
  for (let after = 0; ;) {
    const page = await deps.store.listInquiries(file.subject.id, after, PAGE);
    inquiries.push(...page);
    if (page.length < PAGE) break;
    after = page.at(-1)?.seq ?? after;
  }
  return {
    ...file,
    generatedAt: deps.clock.now().toISOString(),
    inquiries,
    objections: await objectionsOf(deps, file.subject.id),
    repairs: await repairsOf(deps, file.subject.id),
    ratingHistory: (await deps.store.listRatingsOf([file.subject.id]))
      .filter((r) => r.published && (!asOf || r.asOf <= asOf))
      .map(({ modelId, modelVersion, asOf: on, score, grade, runId }) => ({
        modelId,
        modelVersion,
        asOf: on,
        score,
        grade,
        runId,
      }))
      // the store gives newest first: reversed, the re-ratings of one day keep their order
      .reverse()
      .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.modelId.localeCompare(b.modelId)),
  };
}
