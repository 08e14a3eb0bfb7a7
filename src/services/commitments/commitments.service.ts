import { sha256 } from '../../domain/audit.js';
import type { Account } from '../../domain/account.js';
import { regionPrefix, type Authority } from '../../domain/authority.js';
import { dateOf } from '../../domain/clock.js';
import { addDuration } from '../../domain/dates.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { submitRecord } from '../records/records.service.js';
import { findSubject } from '../subjects/subjects.service.js';

/** What an organization chooses: a catalog template and one of its terms. */
export interface CommitmentInput {
  template: string;
  term: string;
}

export interface MadeCommitment {
  recordId: string;
  /** created, or unchanged when the same commitment was already made today */
  status: 'created' | 'unchanged';
  authority: string;
  dueDate: string;
}

/**
 * An organization makes a credit commitment of its own (issue 18): only through its own subject
 * account, in the words of a catalog template, for one of its terms. It is published as a
 * credit_commitment record filed with the authority of the template's domain that covers the
 * organization's region most closely. The same commitment made twice in a day is one record.
 */
export async function makeCommitment(
  deps: ServiceDeps,
  account: Account,
  identifier: string,
  input: CommitmentInput,
): Promise<MadeCommitment> {
  if (account.role !== 'subject') throw new CredenceError('COMMITMENT_FORBIDDEN');
  // ownership first: a number no one carries answers as another subject's, confirming nothing
  const subject = await findSubject(deps, identifier).catch((error: unknown) => {
    if (error instanceof CredenceError && error.code === 'SUBJECT_NOT_FOUND')
      throw new CredenceError('COMMITMENT_FORBIDDEN');
    throw error;
  });
  if (account.subjectId !== subject.id || subject.kind === 'person')
    throw new CredenceError('COMMITMENT_FORBIDDEN');
  const template = deps.catalog.commitments.get(input.template);
  if (!template)
    throw new CredenceError(
      'COMMITMENT_TEMPLATE_UNKNOWN',
      `no commitment template "${input.template}"`,
      {
        field: 'template',
      },
    );
  if (!template.terms.includes(input.term))
    throw new CredenceError(
      'COMMITMENT_TERM_INVALID',
      `the template "${template.id}" is made for ${template.terms.join(', ')}`,
      { field: 'term' },
    );
  const authority = recipientOf(
    await deps.store.listAuthorities(),
    template.recipientDomain,
    subject.region,
  );
  if (!authority) throw new CredenceError('COMMITMENT_NO_AUTHORITY');
  const today = dateOf(deps.clock.now());
  const dueDate = addDuration(today, input.term);
  const identity = subject.identifiers[0];
  const ref = sha256(`${subject.id}|${template.id}|${input.term}|${today}`).slice(0, 16);
  const result = await submitRecord(
    deps,
    {
      type: 'credit_commitment',
      authority: authority.id,
      source_ref: `commitment:${ref}`,
      subject_identifier: identity?.value,
      subject_scheme: identity?.scheme,
      legal_basis: template.legalBasis
        .map((b) => [b.title, b.provision?.zh].filter(Boolean).join(' '))
        .join('；'),
      // digits only: the number reads the same in either language
      document_number: `信用承诺〔${today.slice(0, 4)}〕${String(parseInt(ref.slice(0, 8), 16) % 1e8).padStart(8, '0')}号`,
      decision_date: today,
      facts: template.name.zh,
      promise: template.text.zh,
      context: template.context,
      due_date: dueDate,
    },
    account.id,
  );
  return {
    recordId: result.recordId,
    status: result.status,
    authority: authority.id,
    dueDate,
  };
}

/** the authority of the domain whose regions cover the region most closely (national last) */
function recipientOf(
  authorities: readonly Authority[],
  domain: string,
  region: string | null,
): Authority | null {
  let best: { authority: Authority; depth: number } | null = null;
  for (const authority of authorities) {
    if (!authority.domains.includes(domain)) continue;
    for (const r of authority.regions) {
      const prefix = regionPrefix(r);
      if (prefix !== '' && (region === null || !region.startsWith(prefix))) continue;
      if (!best || prefix.length > best.depth) best = { authority, depth: prefix.length };
    }
  }
  return best?.authority ?? null;
}
