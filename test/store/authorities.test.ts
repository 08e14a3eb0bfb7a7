import { describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeAuthority } from '../support/factories.js';

describe.each(BACKENDS)('authorities on $name', (backend) => {
  const store = storePerTest(backend);

  it('inserts, then updates in place, and lists by id', async () => {
    const sut = store();
    const court = makeAuthority({
      name: '北京市第一中级人民法院',
      nameEn: null,
      domains: ['judicial'],
      regions: ['110000', '110100'],
    });
    const tax = makeAuthority({ domains: ['tax', 'finance'], regions: ['000000'] });
    await sut.transaction(async (tx) => {
      await tx.upsertAuthority(court);
      await tx.upsertAuthority(tax);
    });
    const renamed = {
      ...court,
      name: '北京市第一中级人民法院（新）',
      domains: ['judicial', 'market'],
    };

    await sut.transaction((tx) => tx.upsertAuthority(renamed));

    expect(await sut.getAuthority(court.id)).toEqual(renamed);
    expect(await sut.listAuthorities()).toEqual(
      [renamed, tax].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await sut.getAuthority('nobody')).toBeNull();
  });
});
