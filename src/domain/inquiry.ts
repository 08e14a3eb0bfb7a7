/** One read of a subject's restricted data, as the subject sees it in its inquiry log (SPEC 4.8). */
export interface Inquiry {
  seq: number;
  subjectId: string;
  /** the account that read, and the authority or institution it read for */
  accountId: string;
  accountName: string;
  authorityId: string | null;
  /** a catalog purpose id */
  purpose: string;
  at: string;
  /** what was read: the record version ids shown, and whether restricted records were among them */
  read: { recordIds: string[]; restricted: string[] };
  /** the subject's consent the read rests on, for a consent-based purpose; else null */
  consent: ConsentReference | null;
}

/** Evidence of the subject's written consent to a read (征信业管理条例 art. 18). */
export interface ConsentReference {
  /** the consent document's id or number */
  document: string;
  /** the day it was given, YYYY-MM-DD */
  date: string;
  /** what it allows, in the consent's own words */
  scope: string;
}

export type NewInquiry = Omit<Inquiry, 'seq'>;
