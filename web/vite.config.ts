import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/; the Fastify server serves web/dist in production
// and falls back to index.html for every non-/api path.
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

const apiProxy = {
  '/api': {
    target: 'http://localhost:8080',
    changeOrigin: false,
  },
};

export default defineConfig({
  root,
  base: '/',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // Keep every asset as a file: the production CSP does not need data: URIs for fonts/images.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks that change less often than the app code
        // (mantine depends on vendor, never the other way round).
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('@mantine') || id.includes('@floating-ui')) return 'mantine';
          return 'vendor';
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: apiProxy,
  },
  preview: {
    port: 4173,
    proxy: apiProxy,
  },
});
