import { configDefaults, defineProject } from 'vitest/config';

/** `*.postgres.test.ts` need a real PostgreSQL server: they run only when DATABASE_URL is set. */
const postgresOnly = process.env.DATABASE_URL ? [] : ['**/*.postgres.test.ts'];

export default defineProject({
  test: {
    // Each test runs the CLI in child processes, which start slowly on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    exclude: [...configDefaults.exclude, ...postgresOnly],
  },
});
