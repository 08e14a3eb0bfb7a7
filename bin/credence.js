#!/usr/bin/env node
// runs the TypeScript sources through tsx in this process, so a fresh clone needs no build step
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
