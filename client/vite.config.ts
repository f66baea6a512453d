import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API (and its socket.io gateway) is same-origin in production; in dev we proxy to it.
const apiTarget = process.env.SANFANG_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  resolve: {
    alias: {
      // Contracts are consumed from source so the client never needs a shared build step.
      '@sanfang/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  // Vite 8 transforms TSX with oxc; no React plugin needed.
  oxc: { jsx: { runtime: 'automatic' } },
  // maplibre starts its worker with { type: 'module' }.
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre is ~1 MB on its own; its own chunk caches across app releases.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }],
        },
      },
    },
  },
});
