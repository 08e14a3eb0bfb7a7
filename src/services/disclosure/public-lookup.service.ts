import { PERSON_SCHEMES } from '../../domain/masking.js';
import type { Subject } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import { identifierKey } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { subjectKey, subjectNotFound } from '../subjects/subjects.service.js';
import { publicViewJson } from './public-view.service.js';

/** an id no subject has: a miss reads a subject as a mismatch does, so both take alike */
const NO_SUBJECT = 'sub_none';

/**
 * The public view an identifier names, as the public may find it (SPEC 4.9): an organization by
 * its identifier alone; a person only by the full identifier together with one of its names, as
 * the court list's public query asks. An identifier no one carries and a name that does not fit
 * are the same SUBJECT_NOT_FOUND, after the same reads.
 */
export async function publicLookupJson(
  deps: ServiceDeps,
  identifier: string,
  name: string | undefined,
  asOf?: string,
): Promise<string> {
  const key = subjectKey(deps, identifier);
  if (!PERSON_SCHEMES.has(key.scheme)) return publicViewJson(deps, identifier, asOf);
  const typed = name === undefined ? '' : comparableName(name);
  // decided by the identifier's form, before any read: the same for a number no one carries
  if (typed === '')
    throw new CredenceError(
      'PUBLIC_LOOKUP_NAME_REQUIRED',
      'a person is found by the full identifier together with the name (query.name)',
      { field: 'query.name' },
    );
  const ref = (await deps.store.findSubjects([key])).get(identifierKey(key));
  const subject = await deps.store.getSubject(ref?.id ?? NO_SUBJECT);
  if (!subject || !isNamed(subject, typed)) throw subjectNotFound(key);
  return publicViewJson(deps, identifier, asOf);
}

/** whether the name typed is one of the person's names, current or former, in any language */
function isNamed(subject: Subject, typed: string): boolean {
  let named = false;
  // every name is compared, so a fit early on takes no less time than none
  for (const n of subject.names) named = comparableName(n.name) === typed || named;
  return subject.kind === 'person' && named;
}

/** a name as compared: width and case folded, blanks trimmed and single */
const comparableName = (name: string): string =>
  name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
