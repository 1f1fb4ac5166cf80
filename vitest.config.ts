import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: two cores run several embedded databases at once. Speed is measured in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
