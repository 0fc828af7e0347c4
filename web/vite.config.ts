import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json lets scripts measure what a page loads first.
    manifest: true,
  },
  server: {
    proxy: { '/api': backend },
  },
  preview: {
    proxy: { '/api': backend },
  },
});
