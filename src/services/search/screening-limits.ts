/** Screening's limits, apart from the service so that the CLI can state them without loading it. */
export const DEFAULT_THRESHOLD = 0.75;
export const MAX_BATCH = 100;
