import type { LegalBasis, LocalizedText } from './catalog.js';
import type { SubjectKind } from './subject.js';

/**
 * Membership of a group (issue 22, rural credit): a household is a member of a village, a
 * village of a township. A membership kind is catalog data (memberships.yaml); the relation is
 * stored on the group with the member as its other subject. It is never a relation through
 * which a listing or a measure reaches anyone: only a group rating reads it, as counts.
 */
export interface MembershipKind {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  legalBasis: LegalBasis[];
  /** the groups: organizations whose USCC positions 1-2 are one of `uscc` (e.g. N2) */
  group: SubjectClass;
  /** the members: subjects of these kinds (and, for organizations, these USCC positions 1-2) */
  members: SubjectClass;
  /** who records it besides an operator: an authority of these domains whose regions cover the group's */
  writers: { domains: string[] };
}

/** A class of subjects: kinds, optionally narrowed by USCC positions 1-2. */
export interface SubjectClass {
  kinds: SubjectKind[];
  /** registration authority and entity type, the first two characters of a USCC (e.g. N2) */
  uscc?: string[];
  /** what one is called, singular and plural, as a count reads ("3 of 5 households") */
  label: LocalizedText;
  plural: LocalizedText;
}

/** What the class test needs of a subject: its kind and its identifiers. */
export interface ClassifiedSubject {
  kind: SubjectKind;
  identifiers: ReadonlyArray<{ scheme: string; value: string }>;
}

/** Whether a subject belongs to the class (its kind, and its USCC's positions 1-2 where the class names them). */
export function inClass(subject: ClassifiedSubject, cls: SubjectClass): boolean {
  if (!cls.kinds.includes(subject.kind)) return false;
  if (!cls.uscc) return true;
  const uscc = subject.identifiers.find((i) => i.scheme === 'uscc')?.value;
  return uscc !== undefined && cls.uscc.includes(uscc.slice(0, 2));
}

/** A relation held on a date: begun on or before it and not yet ended. */
export const heldOn = (r: { validFrom: string | null; validTo: string | null }, date: string) =>
  (r.validFrom ?? date) <= date && (r.validTo === null || date < r.validTo);
