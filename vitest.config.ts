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
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/testing/**', 'apps/*/src/main.ts'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage',
      // What the suite reached when the floors were set (lines 71.2 %, branches 62.8 % on
      // PostgreSQL; the web app runs in a browser and the CLI in child processes, so neither is
      // counted): a change that drops below fails CI.
      thresholds: { lines: 70, branches: 61 },
    },
  },
});
