import { sha256 } from '../src/domain/audit.js';

/** the key persons' ids are made with in the rows benchmarks write straight into a store */
export const BENCH_ID_KEY = sha256('a benchmark store');
