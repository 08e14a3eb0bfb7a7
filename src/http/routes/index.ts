import type { RegisterRoutes } from '../types.js';
import { accountRoutes } from './accounts.js';
import { auditRoutes } from './audit.js';
import { catalogRoutes } from './catalog.js';
import { checkRoutes } from './checks.js';
import { commitmentRoutes } from './commitments.js';
import { directoryRoutes } from './directories.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './imports.js';
import { listRoutes } from './lists.js';
import { objectionRoutes } from './objections.js';
import { ratingRoutes } from './ratings.js';
import { reconcileRoutes } from './reconcile.js';
import { repairRoutes } from './repairs.js';
import { reportRoutes } from './reports.js';
import { searchRoutes } from './search.js';
import { webhookRoutes } from './webhooks.js';
import { recordRoutes } from './records.js';
import { subjectChangeRoutes } from './subject-changes.js';
import { subjectRoutes } from './subjects.js';

/** Every route module, in the order the document lists them. */
export const ROUTES: readonly RegisterRoutes[] = [
  healthRoutes,
  accountRoutes,
  catalogRoutes,
  subjectRoutes,
  subjectChangeRoutes,
  reportRoutes,
  commitmentRoutes,
  searchRoutes,
  reconcileRoutes,
  recordRoutes,
  importRoutes,
  listRoutes,
  directoryRoutes,
  checkRoutes,
  webhookRoutes,
  ratingRoutes,
  objectionRoutes,
  repairRoutes,
  auditRoutes,
];
