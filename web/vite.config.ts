// The web interface: built into dist/web, which the NestJS process serves (src/web/web-app.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The tests measure the gzipped size themselves (JS under 300 kB).
    reportCompressedSize: false,
  },
  // `npx vite web` during development, next to `npm start` on port 3000.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
