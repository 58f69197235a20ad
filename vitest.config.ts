import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{packages,modules,providers,flows,apps}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'apps/admin/**', 'apps/shop/config/**', 'apps/shop/scripts/**'],
    testTimeout: 30_000,
    // expect.poll waits up to 1 s by default: a browser test's click, the server's write and the
    // screen's update take longer than that when both cores are busy with the other test files.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    reporters: ['default', './test/ci-summary-reporter.ts'],
    // Each file gets its own database; two workers keep the 2-core machine responsive.
    maxWorkers: 2,
  },
});
