#!/usr/bin/env node
// runs the compiled CLI in dist/, which `npm ci` builds (the prepare script) and `npm run build`
// rebuilds; the sources run through tsx with `npm run credence -- …` (bin/credence-dev.js)
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'error CLI_NOT_BUILT: dist/ is not built; run `npm run build` (or `npm run credence -- …` to run the sources through tsx)\n',
  );
  process.exit(2);
}
await import(main.href);
