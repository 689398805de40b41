import { configDefaults, defineProject } from 'vitest/config';

/** `*.postgres.test.ts` need a real PostgreSQL server: they run only when DATABASE_URL is set. */
const postgresOnly = process.env.DATABASE_URL?.trim() ? [] : ['**/*.postgres.test.ts'];

export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    exclude: [...configDefaults.exclude, ...postgresOnly],
  },
});
