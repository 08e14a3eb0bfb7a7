import { describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeAuthority, makeSubject } from '../support/factories.js';

describe.each(BACKENDS)('migrations on $name', (backend) => {
  const store = storePerTest(backend);

  it('applies nothing the second time and keeps the data', async () => {
    const sut = store();
    const subject = makeSubject();
    await sut.transaction(async (tx) => {
      await tx.insertSubjects([subject]);
      await tx.upsertAuthority(makeAuthority());
    });

    await sut.migrate();
    await sut.migrate();

    expect(await sut.getSubject(subject.id)).toEqual(subject);
    expect((await sut.counts()).subjects).toBe(1);
  });

  it('can run concurrently with itself', async () => {
    const sut = store();
    await Promise.all([sut.migrate(), sut.migrate(), sut.migrate()]);
    expect(await sut.counts()).toEqual({ subjects: 0, records: 0, versions: 0, audit: 0 });
  });

  it('gives the store a label without a password', () => {
    expect(store().label).toMatch(/^(sqlite|postgres):/);
    expect(store().label).not.toMatch(/:[^/:@]+@/);
  });
});
