import { regionalFingerprints } from '../../catalog/fingerprint.js';
import type { LayerRef, LegalBasis } from '../../domain/catalog.js';
import { layerLabel, type LayerLabel } from '../../domain/catalog-layers.js';
import { dateOf } from '../../domain/clock.js';
import { requireDate } from '../../domain/dates.js';
import { divisionFullName } from '../../domain/identifiers/divisions.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import { publicIdentifier } from '../../domain/masking.js';
import { usccRegistrationAuthority } from '../../domain/identifiers/uscc-entity-types.js';
import { disputedKeys } from '../../domain/objection.js';
import type { FieldValue } from '../../domain/record.js';
import { displayName, type SubjectKind } from '../../domain/subject.js';
import { identifierKey } from '../../store/store.js';
import type { RenderView, StoredFile, ViewStamp } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import {
  publicGroupCount,
  publicRatingReason,
  type PublicGroupCount,
  type PublicRatingReason,
} from './public-rating.js';
import { storedEntriesOn } from '../lists/queries.service.js';
import { latestOf } from '../ratings/subject-ratings.service.js';
import { fileItems, listedVersions } from '../records/subject-file.service.js';
import { subjectKey, subjectNotFound } from '../subjects/subjects.service.js';

/**
 * What anyone may see of a subject (SPEC 4.9): names, organization identifiers in full and a
 * person's masked, public records inside their window, effective list entries with their
 * circumstances and legal basis, and ratings of models the catalog marks public. No internal
 * ids: the public has no use for them.
 */
export interface PublicView {
  asOf: string;
  subject: {
    kind: SubjectKind;
    name: string;
    names: Array<{ name: string; lang: string; current: boolean }>;
    identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
    region: string | null;
    regionName: string | null;
    /** the registration authority an organization's USCC names (its first character) */
    registrationAuthority: { zh: string; en: string } | null;
  };
  records: PublicRecord[];
  listEntries: PublicEntry[];
  ratings: PublicRating[];
}

export interface PublicRecord {
  recordId: string;
  type: string;
  typeName: string;
  authority: string;
  legalBasis: string;
  documentNumber: string | null;
  decisionDate: string;
  effectiveDate: string | null;
  facts: string | null;
  severity: string | null;
  fields: Record<string, FieldValue>;
  publicUntil: string | null;
  corrected: boolean;
  /** under an open objection */
  disputed: boolean;
  /** the regional layer its record type comes from; null for a national type */
  layer: LayerLabel | null;
}

export interface PublicEntry {
  entryId: string;
  listType: string;
  listName: string;
  colour: string;
  authority: string;
  circumstance: string | null;
  effectiveFrom: string | null;
  endsOn: string | null;
  legalBasis: LegalBasis[];
  /** under an open objection */
  disputed: boolean;
  /** the regional layer its list type comes from; null for a national list */
  layer: LayerLabel | null;
}

export interface PublicRating {
  modelId: string;
  modelVersion: string;
  asOf: string;
  score: number | null;
  grade: string;
  explanation: string[];
  /** how the grade was reached, step by step, for a table in the reader's language */
  reason: PublicRatingReason;
  /** a group rating's count and share (a credit village); null for a rating of one subject */
  group: PublicGroupCount | null;
  /** the regional layer its model comes from; null for a national model */
  layer: LayerLabel | null;
}

const layerOf = (item: { layer?: LayerRef } | undefined): LayerLabel | null =>
  item ? layerLabel(item) : null;

/**
 * The layout of a saved view: part of its stamp, so that views saved by an older release are
 * not served by a newer one. Bump it whenever what `viewOf` computes changes.
 */
const VIEW_FORMAT = 6;

/** What a view computed today under this catalog is saved with. */
export function viewStamp(deps: ServiceDeps, asOf = dateOf(deps.clock.now())): ViewStamp {
  // a subject's view rests on the national catalog and the layers of its region (issue 22)
  const { national, regional } = regionalFingerprints(deps.catalog);
  const stamp: ViewStamp = { asOf, catalog: `${national}.${VIEW_FORMAT}` };
  if (regional.length === 0) return stamp;
  return {
    ...stamp,
    regional: regional.map((r) => ({
      prefix: r.prefix,
      catalog: `${r.fingerprint}.${VIEW_FORMAT}`,
    })),
  };
}

/** The public view of the subject an identifier names, as of a date (default today). */
export async function publicView(
  deps: ServiceDeps,
  identifier: string,
  asOf?: string,
): Promise<PublicView> {
  const today = dateOf(deps.clock.now());
  const date = asOf === undefined ? today : requireDate(asOf, 'asOf');
  const key = subjectKey(deps, identifier);
  // one read for the subject and all it holds: a view is the hottest path there is
  const file = await deps.store.readSubjectFile(key);
  if (!file) throw subjectNotFound(key);
  const view = await viewOf(deps, file, date);
  if (date >= today) return view;
  // the past publishes nothing again that has left public view since (its window ended, it was
  // repaired, revoked or removed): what was public then shows only while it is public today
  const now = await viewOf(deps, file, today);
  const records = new Set(now.records.map((r) => r.recordId));
  const entries = new Set(now.listEntries.map((e) => e.entryId));
  return {
    ...view,
    records: view.records.filter((r) => records.has(r.recordId)),
    listEntries: view.listEntries.filter((e) => entries.has(e.entryId)),
  };
}

/**
 * The public view as the JSON text the API sends. Today's is the one the store saved, or is
 * computed and saved with the read of its file (a miss); one that would wait for a writer is
 * computed and not saved, as is a view as of another date.
 */
export async function publicViewJson(
  deps: ServiceDeps,
  identifier: string,
  asOf?: string,
): Promise<string> {
  const key = subjectKey(deps, identifier);
  const stamp = viewStamp(deps);
  if (asOf !== undefined && asOf !== stamp.asOf) {
    return JSON.stringify(await publicView(deps, identifier, asOf));
  }
  const saved = await deps.store.readPublicView(key, stamp);
  if (saved !== null) return saved;
  const render = renderView(deps, stamp.asOf);
  const rendered = await deps.store.renderPublicViews([key], stamp, render);
  // null: a writer holds the store, and a read does not wait for it
  const file = rendered ? null : await deps.store.readSubjectFile(key);
  const body = rendered ? rendered.get(identifierKey(key)) : file && (await render(file));
  if (!body) throw subjectNotFound(key);
  return body;
}

/** The JSON text of a file's view as of `date`: the text a saved view holds. */
export const renderView =
  (deps: ServiceDeps, date: string): RenderView =>
  async (file) =>
    JSON.stringify(await viewOf(deps, file, date));

/**
 * A file's public view as of `date`. Its keys are in the order of the API's schema, so that its
 * JSON text is byte for byte what the route's serializer would write.
 */
export async function viewOf(
  deps: ServiceDeps,
  file: StoredFile,
  date: string,
): Promise<PublicView> {
  const { subject } = file;
  const { catalog } = deps;
  const entries = (await storedEntriesOn(deps, file.entries, date)).filter((e) =>
    isInForce(e, date),
  );
  // the court case behind a court-list entry is public while the entry is in force (SPEC 4.4)
  const items = fileItems(catalog, file.versions, date, listedVersions(entries, date));
  const disputed = disputedKeys(file.openObjections, file.versions);
  const shown = items.filter((i) => i.visibility === 'public' && i.status === 'active');
  const evidence = {
    versions: file.versions,
    entries: file.entries,
    publicRecords: new Set(shown.map((i) => i.recordId)),
  };
  const ratings = latestOf(catalog, file.ratings).filter(
    (r) => catalog.ratingModels.get(r.rating.modelId)?.public === true,
  );
  return {
    asOf: date,
    subject: {
      kind: subject.kind,
      name: displayName(subject),
      names: subject.names.map(({ name, lang, current }) => ({ name, lang, current })),
      identifiers: subject.identifiers.map((i) => publicIdentifier(subject.kind, i)),
      region: subject.region,
      regionName: subject.region ? (divisionFullName(subject.region) ?? null) : null,
      registrationAuthority: registrationAuthorityOf(subject.identifiers),
    },
    records: shown.map(({ recordId, current: v, window }) => ({
      recordId,
      type: v.type,
      typeName: catalog.recordTypes.get(v.type)?.name.zh ?? v.type,
      authority: v.authorityId,
      legalBasis: v.legalBasis,
      documentNumber: v.documentNumber,
      decisionDate: v.decisionDate,
      effectiveDate: v.effectiveDate,
      facts: v.facts,
      severity: v.severity,
      fields: v.fields,
      publicUntil: window.publicUntil,
      corrected: v.version > 1,
      disputed: disputed.has(`record:${recordId}`),
      layer: layerOf(catalog.recordTypes.get(v.type)),
    })),
    listEntries: entries.map((e) => {
      const type = catalog.listTypes.get(e.listType);
      return {
        entryId: e.id,
        listType: e.listType,
        listName: type?.name.zh ?? e.listType,
        colour: type?.colour ?? 'black',
        authority: e.authorityId,
        circumstance: e.circumstance,
        effectiveFrom: e.effectiveFrom,
        endsOn: e.endsOn,
        legalBasis: (type?.legalBasis ?? []).map(({ title, provision }) =>
          provision === undefined ? { title } : { title, provision },
        ),
        disputed: disputed.has(`list_entry:${e.id}`),
        layer: layerOf(type),
      };
    }),
    ratings: ratings.map(({ rating, explanation }) => ({
      modelId: rating.modelId,
      modelVersion: rating.modelVersion,
      asOf: rating.asOf,
      score: rating.score,
      grade: rating.grade,
      explanation,
      reason: publicRatingReason(rating, evidence),
      group: publicGroupCount(rating),
      layer: layerOf(catalog.ratingModels.get(rating.modelId)),
    })),
  };
}

function registrationAuthorityOf(identifiers: ReadonlyArray<{ scheme: string; value: string }>) {
  const uscc = identifiers.find((i) => i.scheme === 'uscc');
  return uscc ? usccRegistrationAuthority(uscc.value) : null;
}
