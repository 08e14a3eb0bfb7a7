import { makeUscc } from '../../src/domain/identifiers/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { penalty } from './registry.js';

/** A second registration of the Beijing firm, under another USCC and a variant name. */
export const DUPLICATE = makeUscc('91110108', 'MA00DUP1');
export const DUPLICATE_NAME = '北京蓝海星辰商贸有限公司';

/** The Beijing firm and its duplicate, each with a penalty of its own: what a merge starts from. */
export async function fileFirmTwice(sut: ServiceDeps): Promise<void> {
  await submitRecord(sut, penalty(), 'officer');
  await submitRecord(
    sut,
    penalty({
      subject_identifier: DUPLICATE,
      subject_name: DUPLICATE_NAME,
      source_ref: 'P-2026-0002',
      document_number: '京市监罚〔2026〕102号',
    }),
    'officer',
  );
}
