#!/usr/bin/env node
// the CLI from its TypeScript sources, through tsx in this process: what the tests and
// `npm run credence` run, so that a change needs no build to be tried
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
