import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// the portal is served by `credence serve` from the same origin as the API (src/http/portal.ts)
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  // `npx vite --config web/vite.config.ts` beside `credence serve` on the default port
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
