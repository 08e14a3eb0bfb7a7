import { build } from 'vite';

/** vitest global setup: the browser tests drive the portal as `npm run build:web` builds it. */
export default async function buildPortal(): Promise<void> {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build
  const mode = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'web/vite.config.ts', mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = mode;
  }
}
