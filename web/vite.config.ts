import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The rep's desk: built into web/dist and served by `reach serve` at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:4100' } },
});
