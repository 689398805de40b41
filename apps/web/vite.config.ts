import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/trpc': api, '/export': api },
  },
  preview: { port: 5173 },
  build: {
    outDir: 'dist',
    // The bundle-budget test reads which chunks each route loads from the manifest.
    manifest: true,
    sourcemap: false,
  },
});
