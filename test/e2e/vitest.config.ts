import { defineConfig } from 'vitest/config';

// End-to-end browser tests: a real server on a temp data dir, driven through Chromium.
// Run after `npm run build:web` (the server serves web/dist).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
