import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{packages,modules,providers,flows,apps}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'apps/admin/**', 'apps/shop/config/**', 'apps/shop/scripts/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/ci-summary-reporter.ts'],
    // Each file gets its own database; two workers keep the 2-core machine responsive.
    maxWorkers: 2,
  },
});
