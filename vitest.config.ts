import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Test files wait on databases and child processes much of the time: two at once, even on
    // two cores (vitest would otherwise run one).
    maxWorkers: 2,
    // On a terminal the default reporter shows the running files live. Piped (CI, an editor, a
    // log) it prints a file only once all its tests are done, which leaves minutes of silence:
    // there, print each test as it finishes.
    reporters: process.stdout.isTTY ? ['default'] : ['verbose'],
    // `pnpm test:coverage`: what the suite runs of the sources, with floors CI enforces.
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.{ts,tsx}'],
      // The web app runs in Chromium (the e2e journeys), where v8 coverage of this process
      // cannot see it.
      exclude: [
        '**/*.test.ts',
        '**/*.test-d.ts',
        '**/testing/**',
        'apps/*/src/main.ts',
        'apps/web/src/**',
      ],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage',
      // What the suite reached when the floors were set (lines 89.6 %, branches 79.8 % on
      // PostgreSQL; the CLI's child processes are not counted): a change that drops below fails CI.
      thresholds: { lines: 87, branches: 77 },
    },
  },
});
