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
  },
});
