import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Test files wait on databases and child processes much of the time: two at once, even on
    // two cores (vitest would otherwise run one).
    maxWorkers: 2,
  },
});
