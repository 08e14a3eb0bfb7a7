import { currentName, RENAME_LANGS, type RenameLang } from '../../domain/subject-merge.js';
import type { Subject } from '../../domain/subject.js';
import { nameProblem } from '../../domain/text.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { refreshSearchKeys } from './subject-keys.js';
import { subjectIn, subjectKey } from './subjects.service.js';

export interface RenameInput {
  name: string;
  /** zh or en; detected from the name when omitted (Han characters: zh) */
  lang?: string;
}

const MAX_NAME = 300;

/**
 * Records a subject's new name (SPEC 4.1): it becomes current, the name current before in its
 * language becomes former and is kept (search still finds it, as a former name). The names,
 * the search keys and the audit entry are written in one transaction.
 */
export async function renameSubject(
  deps: ServiceDeps,
  identifier: string,
  input: RenameInput,
  actor: string,
): Promise<Subject> {
  const text = input.name?.trim() ?? '';
  if (text === '' || text.length > MAX_NAME)
    throw new CredenceError('SUBJECT_NAME_REQUIRED', `a name is 1 to ${MAX_NAME} characters`, {
      field: 'name',
    });
  const problem = nameProblem(text);
  if (problem) throw new CredenceError('NAME_INVALID', `name ${problem}`, { field: 'name' });
  if (input.lang !== undefined && !(RENAME_LANGS as readonly string[]).includes(input.lang))
    throw new CredenceError('FIELD_ENUM', `lang is one of ${RENAME_LANGS.join(', ')}`, {
      field: 'lang',
    });
  const name = currentName(text, input.lang as RenameLang | undefined);
  const key = subjectKey(deps, identifier);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const subject = await subjectIn(tx, key);
    const previous = subject.names.find((n) => n.current && n.lang === name.lang) ?? null;
    if (previous?.name === name.name)
      throw new CredenceError('SUBJECT_NAME_UNCHANGED', `${name.name} is already current`, {
        field: 'name',
      });
    await tx.setCurrentName(subject.id, name);
    await refreshSearchKeys(tx, [subject], [subject.id]);
    await tx.appendAudit({
      at,
      actor,
      action: 'subject.rename',
      subjectIds: [subject.id],
      payload: { subjectId: subject.id, name, previous: previous?.name ?? null },
    });
    return (await tx.getSubject(subject.id))!;
  });
}
