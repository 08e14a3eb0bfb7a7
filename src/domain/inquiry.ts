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
}

export type NewInquiry = Omit<Inquiry, 'seq'>;
