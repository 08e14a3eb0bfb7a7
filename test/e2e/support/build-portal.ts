import { build } from 'vite';

/** vitest global setup: the browser tests drive the portal as `npm run build:web` builds it. */
export default async function buildPortal(): Promise<void> {
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
}
