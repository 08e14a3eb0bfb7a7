import { randomBytes } from 'node:crypto';
import { sha256 } from '../../domain/audit.js';
import { dateOf } from '../../domain/clock.js';
import { PERSON_SCHEMES } from '../../domain/masking.js';
import { CredenceError } from '../../errors.js';
import { identifierKey } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { publicView } from '../disclosure/public-view.service.js';
import { subjectKey, subjectNotFound } from '../subjects/subjects.service.js';
import { renderPublicReportHtml } from './public-report-html.js';
import type { ReportLang } from './report-lang.js';

/**
 * The public credit report of an organization (issue 18): its public view as a printable page
 * with a verification code. The SHA-256 of the page and its issue date go to the audit log,
 * found again by the code's own SHA-256; anyone can ask whether a code was issued, when, for
 * whom, and whether a document or digest is the one issued.
 */

export const REPORT_ISSUED = 'report.issued';

/** what the audit entry of an issued report keeps */
export interface IssuedReportPayload {
  digest: string;
  issuedOn: string;
  lang: ReportLang;
  organization: { name: string; identifier: string };
}

export interface IssuedReport {
  html: string;
  code: string;
  digest: string;
  issuedAt: string;
}

export interface ReportVerification {
  issuedOn: string;
  issuedAt: string;
  lang: ReportLang;
  organization: { name: string; identifier: string };
  digest: string;
  /** whether the document or digest given is the one issued; null when none was given */
  matches: boolean | null;
}

/** Crockford's base32: no I, L, O, U, so a code read aloud or retyped has no look-alikes */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SYMBOLS = 20;
/**
 * the middle symbol of each group of five is a digit, so no run of letters in a code reads as a
 * word (to a reader, or to the portal's scan for untranslated text): 16 symbols of 5 bits and
 * 4 digits, about 93 random bits, beyond guessing at any rate the throttle lets through
 */
const DIGIT_AT = 2;

/** a new verification code: XX0XX-XX0XX-XX0XX-XX0XX */
export function newReportCode(random: (bytes: number) => Buffer = randomBytes): string {
  const bytes = random(CODE_SYMBOLS * 2);
  let code = '';
  for (let i = 0; i < CODE_SYMBOLS; i += 1) {
    // two bytes per digit: 65536 mod 10 leaves a bias below one in six thousand
    code +=
      i % 5 === DIGIT_AT
        ? String(((bytes[2 * i] ?? 0) * 256 + (bytes[2 * i + 1] ?? 0)) % 10)
        : ALPHABET[(bytes[2 * i] ?? 0) % 32];
  }
  return (code.match(/.{5}/g) ?? []).join('-');
}

/** a code as typed, in its one form: blanks and hyphens out, upper case, look-alikes mapped; null if it cannot be one */
export function normalizeReportCode(text: string): string | null {
  const plain = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== CODE_SYMBOLS || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return (plain.match(/.{5}/g) ?? []).join('-');
}

/** The SHA-256 of a report's canonical content: line ends as LF, Unicode in NFC, no outer blanks. */
export const reportDigest = (document: string): string =>
  sha256(document.replace(/\r\n?/g, '\n').normalize('NFC').trim());

/** Issues the public report of the organization an identifier names, in the reader's language. */
export async function issuePublicReport(
  deps: ServiceDeps,
  identifier: string,
  lang: ReportLang,
  random?: (bytes: number) => Buffer,
): Promise<IssuedReport> {
  const key = subjectKey(deps, identifier);
  // decided by the identifier's form, before any read: a person's number says nothing here
  if (PERSON_SCHEMES.has(key.scheme)) throw new CredenceError('REPORT_PERSON');
  const view = await publicView(deps, identifier);
  if (view.subject.kind === 'person') throw new CredenceError('REPORT_PERSON');
  const ref = (await deps.store.findSubjects([key])).get(identifierKey(key));
  if (!ref) throw subjectNotFound(key);
  const ids = [...new Set([...view.records, ...view.listEntries].map((i) => i.authority))];
  const authorities = new Map<string, { zh: string; en: string }>();
  for (const id of ids) {
    const a = await deps.store.getAuthority(id);
    if (a) authorities.set(id, { zh: a.name, en: a.nameEn ?? a.name });
  }
  const code = newReportCode(random);
  const issuedAt = deps.clock.now().toISOString();
  const html = renderPublicReportHtml(deps.catalog, { view, lang, code, issuedAt, authorities });
  const digest = reportDigest(html);
  const payload: IssuedReportPayload = {
    digest,
    issuedOn: dateOf(deps.clock.now()),
    lang,
    organization: { name: view.subject.name, identifier: key.value },
  };
  await deps.store.transaction(async (tx) => {
    const entry = await tx.appendAudit({
      at: issuedAt,
      actor: 'public',
      action: REPORT_ISSUED,
      subjectIds: [ref.id],
      payload,
    });
    await tx.insertIssuedReport(sha256(code), entry.seq);
  });
  return { html, code, digest, issuedAt };
}

/**
 * Whether a report was issued with this code, when and for whom, and whether a document (or
 * its digest) is that report. A code no report has and a code that cannot be one are the same
 * REPORT_NOT_FOUND, after the same read.
 */
export async function verifyPublicReport(
  deps: ServiceDeps,
  input: { code: string; digest?: string | undefined; document?: string | undefined },
): Promise<ReportVerification> {
  const { digest, document } = input;
  if (digest !== undefined && !/^[0-9a-f]{64}$/.test(digest))
    throw new CredenceError('REPORT_DIGEST_INVALID', undefined, { field: 'digest' });
  const code = normalizeReportCode(input.code);
  const entry = await deps.store.findIssuedReport(sha256(code ?? input.code));
  if (!code || !entry || entry.action !== REPORT_ISSUED)
    throw new CredenceError('REPORT_NOT_FOUND');
  const issued = entry.payload as IssuedReportPayload;
  const given = document !== undefined ? reportDigest(document) : digest;
  return {
    issuedOn: issued.issuedOn,
    issuedAt: entry.at,
    lang: issued.lang,
    organization: issued.organization,
    digest: issued.digest,
    matches: given === undefined ? null : given === issued.digest,
  };
}
