import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog, validateCatalogDir } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import { copyDefaultCatalog } from './fixtures.js';

type Copy = Awaited<ReturnType<typeof copyDefaultCatalog>>;
let copy: Copy | null = null;
const edited = async () => (copy = await copyDefaultCatalog());
afterEach(async () => {
  await copy?.remove();
  copy = null;
});

const messages = async (dir: string) =>
  (await validateCatalogDir(dir)).problems.map((p) => `${p.file} ${p.path}: ${p.message}`);

describe('commitment templates in the catalog', () => {
  it('offers commitments in both languages, with terms, a recipient and a legal basis', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR);
    expect(sut.commitments.size).toBeGreaterThanOrEqual(3);
    for (const t of sut.commitments.values()) {
      expect(t.name.zh && t.name.en && t.text.zh && t.text.en, t.id).toBeTruthy();
      expect(t.terms.length, t.id).toBeGreaterThan(0);
      expect(t.legalBasis.length, t.id).toBeGreaterThan(0);
      expect(sut.domains.has(t.recipientDomain), t.id).toBe(true);
    }
  });

  it('weighs a broken commitment in the public comprehensive evaluation', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR);
    const broken = sut.recordTypes.get('commitment_broken');
    expect(broken?.adverse).toBe(true);
    expect(broken?.legalBasis.length).toBeGreaterThan(0);
    expect(broken?.publication).toMatchObject({ kind: 'fixed', window: 'P3Y' });
    const model = sut.ratingModels.get('public_comprehensive_evaluation');
    expect(JSON.stringify(model)).toContain('"recordType":"commitment_broken"');
  });

  it('refuses a template missing its English text', async () => {
    const sut = await edited();
    await sut.edit('commitments.yaml', (t) =>
      t.replace(/\n {6}en: "We undertake to obey[^\n]*/, ''),
    );
    expect(await messages(sut.dir)).toContainEqual(
      expect.stringMatching(/^commitments\.yaml commitments\[0\]\.text\.en: /),
    );
  });

  it('refuses a term that is not a duration', async () => {
    const sut = await edited();
    await sut.edit('commitments.yaml', (t) => t.replace('terms: [P1Y, P2Y]', 'terms: [forever]'));
    expect(await messages(sut.dir)).toContainEqual(
      expect.stringMatching(/commitments\[2\]\.terms\[0\]: .*not an ISO 8601 duration/),
    );
  });

  it('refuses a template with an unknown recipient domain, a context credit_commitment lacks, or no legal basis', async () => {
    const sut = await edited();
    await sut.edit('commitments.yaml', (t) =>
      t
        .replace('recipientDomain: market', 'recipientDomain: nowhere')
        .replace('context: licensing', 'context: lending')
        .replace(
          /legalBasis:\n {6}- title: 国务院办公厅关于全面推行证明事项[^\n]*\n[^\n]*\n/,
          'legalBasis: []\n',
        ),
    );
    const found = await messages(sut.dir);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/commitments\[0\]\.recipientDomain: unknown domain "nowhere"/),
        expect.stringMatching(/commitments\[1\]\.context: "lending" is not a context/),
        expect.stringMatching(/commitments\[1\]\.legalBasis: every commitment template names/),
      ]),
    );
  });
});
