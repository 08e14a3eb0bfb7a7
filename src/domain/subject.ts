/** Subjects: the persons and organizations a file is kept about (SPEC 4.1). */
export const SUBJECT_KINDS = ['person', 'business', 'government', 'social_org'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const IDENTIFIER_SCHEMES = ['uscc', 'ric', 'lei', 'passport', 'legacy_reg'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export const RELATION_KINDS = [
  'legal_representative',
  'principal',
  'actual_controller',
  'shareholder',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface SubjectIdentifier {
  scheme: IdentifierScheme;
  value: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface SubjectName {
  name: string;
  /** BCP 47 language tag, e.g. zh, en */
  lang: string;
  /** ISO 15924 script, e.g. Hans, Latn */
  script: string;
  current: boolean;
}

/** A relation's kind: one of RELATION_KINDS, or a membership kind of the catalog (domain/membership.ts). */
export type SubjectRelationKind = RelationKind | (string & {});

export interface SubjectRelation {
  kind: SubjectRelationKind;
  /** the related subject (e.g. the person who is legal representative) */
  otherId: string;
  validFrom: string | null;
  validTo: string | null;
  /** the document the relation rests on (e.g. the registration's number); absent on relations recorded before one was required */
  basis?: string;
}

export interface Subject {
  id: string;
  kind: SubjectKind;
  /** GB/T 2260 division code, 6 digits */
  region: string | null;
  identifiers: SubjectIdentifier[];
  names: SubjectName[];
  relations: SubjectRelation[];
  createdAt: string;
}

export function isSubjectKind(value: string): value is SubjectKind {
  return (SUBJECT_KINDS as readonly string[]).includes(value);
}

/** The current primary name, preferring Chinese. */
export function displayName(subject: Pick<Subject, 'names'>): string {
  const current = subject.names.filter((n) => n.current);
  const pick = current.find((n) => n.lang === 'zh') ?? current[0] ?? subject.names[0];
  return pick?.name ?? '';
}
