import type { RegisterRoutes } from '../types.js';
import { accountRoutes } from './accounts.js';
import { catalogRoutes } from './catalog.js';
import { healthRoutes } from './health.js';
import { recordRoutes } from './records.js';
import { subjectRoutes } from './subjects.js';

/** Every route module, in the order the document lists them. */
export const ROUTES: readonly RegisterRoutes[] = [
  healthRoutes,
  accountRoutes,
  catalogRoutes,
  subjectRoutes,
  recordRoutes,
];
