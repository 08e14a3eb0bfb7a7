import type { Command } from 'commander';
import { registerAccountCommands } from './account.js';
import { registerAuditCommands } from './audit.js';
import { registerAuthorityCommands } from './authority.js';
import { registerBackupCommands } from './backup.js';
import { registerCatalogCommands } from './catalog.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerIdCheck } from './id-check.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerListCommands } from './lists.js';
import { registerOpenApi } from './openapi.js';
import { registerRate } from './rate.js';
import { registerRecordCommands } from './record.js';
import { registerReport } from './report.js';
import { registerScorecardCommands } from './scorecard.js';
import { registerScreen } from './screen.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerSubjectCommands } from './subject.js';
import { registerViewsCommands } from './views.js';

/** Every CLI command registers itself on the program; one file per command. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerInit,
  registerAuthorityCommands,
  registerSubjectCommands,
  registerRecordCommands,
  registerImport,
  registerIdCheck,
  registerCatalogCommands,
  registerDemo,
  registerListCommands,
  registerCheck,
  registerScorecardCommands,
  registerRate,
  registerAccountCommands,
  registerServe,
  registerOpenApi,
  registerAuditCommands,
  registerReport,
  registerSearch,
  registerScreen,
  registerViewsCommands,
  registerBackupCommands,
];
