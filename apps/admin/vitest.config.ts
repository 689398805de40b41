import { configDefaults, defineProject } from 'vitest/config';

/** `*.postgres.test.ts` need a real PostgreSQL server: they run only when DATABASE_URL is set. */
const postgresOnly = process.env.DATABASE_URL ? [] : ['**/*.postgres.test.ts'];

export default defineProject({
  test: {
    // Each test runs the CLI in child processes, which start slowly on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The files wait on child processes much of the time: two at once, even on two cores.
    maxWorkers: 2,
    exclude: [...configDefaults.exclude, ...postgresOnly],
  },
});
