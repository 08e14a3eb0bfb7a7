import { regionPrefix } from '../../domain/authority.js';
import type { LegalBasis, ListColour, LocalizedText } from '../../domain/catalog.js';
import { dateOf } from '../../domain/clock.js';
import type { SubjectKind } from '../../domain/subject.js';
import type { StoredFile } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { viewOf, type PublicRecord, type PublicView } from './public-view.service.js';

/**
 * The public directories (issue 18): the entries of the lists in force and the latest public
 * licences and penalties (双公示), as Credit China publishes them. Every row is one the
 * subject's public view shows today: the view's rules (windows, masking, records published
 * while listed, entries in force) decide, and nothing here repeats them.
 */

/** 双公示: the record types of administrative licences and of administrative penalties. */
export const DOUBLE_PUBLICITY = {
  licence: ['admin_licence'],
  penalty: ['admin_penalty', 'food_safety_penalty', 'securities_penalty'],
} as const satisfies Record<string, readonly string[]>;
export type DisclosureKind = keyof typeof DOUBLE_PUBLICITY;

export interface DirectoryFilter {
  /** a division code or its significant prefix (44, 4401, 440100): the subject's region */
  region?: string;
  /** decision dates on or after / on or before (YYYY-MM-DD) */
  from?: string;
  to?: string;
}

export interface DirectorySubject {
  kind: SubjectKind;
  name: string;
  /** organization identifiers in full, a person's masked to its region code */
  identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
  region: string | null;
  regionName: string | null;
  /** the identifier the subject's public page opens with; null for a person (never linkable) */
  pageIdentifier: string | null;
}

export interface DirectoryAuthority {
  id: string;
  /** null when no authority decided: the registry listed the subject under the list's rules */
  name: string | null;
  nameEn: string | null;
}

export interface ListDirectoryRow {
  entryId: string;
  subject: DirectorySubject;
  list: { id: string; name: LocalizedText; colour: ListColour; sanction: boolean };
  authority: DirectoryAuthority;
  legalBasis: LegalBasis[];
  circumstance: string | null;
  decidedOn: string | null;
  endsOn: string | null;
  disputed: boolean;
}

export interface DisclosureRow {
  kind: DisclosureKind;
  subject: DirectorySubject;
  typeName: LocalizedText;
  authority: DirectoryAuthority;
  record: PublicRecord;
}

export interface DirectoryPage<T, P> {
  items: T[];
  /** where the next page starts; null after the last. A page may hold fewer rows than asked. */
  next: P | null;
}

/** where a page of licences and penalties ended: the last decision date and version id looked at */
export interface DisclosurePosition {
  date: string;
  id: string;
}

/** rows looked at per store read, and at most per page asked for */
const SCAN_BATCH = 200;
const SCAN_LIMIT = 2000;

/** The entries of the lists in force today that the public sees, in entry id order. */
export async function listDirectory(
  deps: ServiceDeps,
  query: DirectoryFilter & { listType?: string; colour?: ListColour; limit: number },
  after = '',
): Promise<DirectoryPage<ListDirectoryRow, string>> {
  const views = new ViewReader(deps);
  const items: ListDirectoryRow[] = [];
  let position = after;
  let scanned = 0;
  for (;;) {
    const batch = await deps.store.findListEntries(
      {
        ...(query.listType ? { listType: query.listType } : {}),
        states: ['effective'],
        ...(query.to ? { effectiveFromOnOrBefore: query.to } : {}),
      },
      SCAN_BATCH,
      position,
    );
    for (const entry of batch) {
      position = entry.id;
      scanned += 1;
      const type = deps.catalog.listTypes.get(entry.listType);
      if (!type || (query.colour && type.colour !== query.colour)) continue;
      if (!inRange(entry.effectiveFrom, query)) continue;
      const view = await views.of(entry.subjectId, query.region);
      const shown = view?.view.listEntries.find((e) => e.entryId === entry.id);
      if (!view || !shown) continue;
      items.push({
        entryId: entry.id,
        subject: view.subject,
        list: {
          id: type.id,
          name: type.name,
          colour: type.colour,
          // a redlist commends: it is never presented as a sanction
          sanction: type.colour !== 'red',
        },
        authority: await views.authority(shown.authority),
        legalBasis: shown.legalBasis,
        circumstance: shown.circumstance,
        decidedOn: shown.effectiveFrom,
        endsOn: shown.endsOn,
        disputed: shown.disputed,
      });
      if (items.length === query.limit) return { items, next: position };
    }
    if (batch.length < SCAN_BATCH) return { items, next: null };
    if (scanned >= SCAN_LIMIT) return { items, next: position };
  }
}

/** The latest public licences and penalties (双公示), latest decision first. */
export async function disclosureDirectory(
  deps: ServiceDeps,
  query: DirectoryFilter & { kind?: DisclosureKind; type?: string; limit: number },
  after?: DisclosurePosition,
): Promise<DirectoryPage<DisclosureRow, DisclosurePosition>> {
  const kindOf = new Map<string, DisclosureKind>();
  for (const kind of Object.keys(DOUBLE_PUBLICITY) as DisclosureKind[])
    for (const type of DOUBLE_PUBLICITY[kind]) kindOf.set(type, kind);
  const types = [...kindOf]
    .filter(
      ([type, kind]) => deps.catalog.recordTypes.has(type) && (!query.kind || query.kind === kind),
    )
    .map(([type]) => type)
    .filter((type) => !query.type || query.type === type);
  const views = new ViewReader(deps);
  const items: DisclosureRow[] = [];
  let position = after;
  let scanned = 0;
  for (;;) {
    const batch = await deps.store.recentRecordVersions({
      types,
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(position ? { before: position } : {}),
      limit: SCAN_BATCH,
    });
    for (const version of batch) {
      position = { date: version.decisionDate, id: version.id };
      scanned += 1;
      const view = await views.of(version.subjectId, query.region);
      // only the version the view shows: a corrected record appears once, as corrected
      if (!view || currentVersionId(view.file, version.recordId) !== version.id) continue;
      const record = view.view.records.find((r) => r.recordId === version.recordId);
      if (!record) continue;
      items.push({
        kind: kindOf.get(version.type)!,
        subject: view.subject,
        typeName: deps.catalog.recordTypes.get(version.type)!.name,
        authority: await views.authority(record.authority),
        record,
      });
      if (items.length === query.limit) return { items, next: position };
    }
    if (batch.length < SCAN_BATCH) return { items, next: null };
    if (scanned >= SCAN_LIMIT) return { items, next: position ?? null };
  }
}

function inRange(date: string | null, { from, to }: DirectoryFilter): boolean {
  if (!from && !to) return true;
  if (date === null) return false;
  return (!from || date >= from) && (!to || date <= to);
}

function currentVersionId(file: StoredFile, recordId: string): string | undefined {
  let current: StoredFile['versions'][number] | undefined;
  for (const v of file.versions)
    if (v.recordId === recordId && (!current || v.version > current.version)) current = v;
  return current?.id;
}

interface SubjectView {
  file: StoredFile;
  view: PublicView;
  subject: DirectorySubject;
}

/** Today's public views of the subjects a page names, each read once. */
class ViewReader {
  private readonly views = new Map<string, SubjectView | null>();
  private readonly authorities = new Map<string, DirectoryAuthority>();
  private readonly today: string;

  constructor(private readonly deps: ServiceDeps) {
    this.today = dateOf(deps.clock.now());
  }

  /** the subject's view, or null when it has none or lies outside the region asked for */
  async of(subjectId: string, region?: string): Promise<SubjectView | null> {
    if (!this.views.has(subjectId)) this.views.set(subjectId, await this.read(subjectId));
    const found = this.views.get(subjectId) ?? null;
    if (found && region && !(found.subject.region ?? '').startsWith(regionPrefix(region)))
      return null;
    return found;
  }

  async authority(id: string): Promise<DirectoryAuthority> {
    let found = this.authorities.get(id);
    if (!found) {
      const stored = await this.deps.store.getAuthority(id);
      found = { id, name: stored?.name ?? null, nameEn: stored?.nameEn ?? null };
      this.authorities.set(id, found);
    }
    return found;
  }

  private async read(subjectId: string): Promise<SubjectView | null> {
    const subject = await this.deps.store.getSubject(subjectId);
    const key = subject?.identifiers[0];
    if (!key) return null;
    const file = await this.deps.store.readSubjectFile({ scheme: key.scheme, value: key.value });
    if (!file) return null;
    const view = await viewOf(this.deps, file, this.today);
    const open = view.subject.identifiers.find((i) => !i.masked);
    return {
      file,
      view,
      subject: {
        kind: view.subject.kind,
        name: view.subject.name,
        identifiers: view.subject.identifiers,
        region: view.subject.region,
        regionName: view.subject.regionName,
        pageIdentifier: view.subject.kind === 'person' ? null : (open?.value ?? null),
      },
    };
  }
}
