import {
  configDefaults,
  defineProject,
  mergeConfig,
  type UserWorkspaceConfig,
} from 'vitest/config';

/** `*.postgres.test.ts` need a real PostgreSQL server: they run only when DATABASE_URL is set. */
const postgresOnly = process.env.DATABASE_URL?.trim() ? [] : ['**/*.postgres.test.ts'];

/**
 * The one vitest preset of the workspace's projects: timeouts for tests that wait on real
 * databases and servers, and the PostgreSQL-only files left out on PGlite. A project adds what
 * is its own: `export default sharedProject({ test: { ... } })`.
 */
export function sharedProject(own: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  return mergeConfig(
    defineProject({
      test: {
        testTimeout: 30_000,
        hookTimeout: 60_000,
        exclude: [...configDefaults.exclude, ...postgresOnly],
      },
    }),
    own,
  );
}
