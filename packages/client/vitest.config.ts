import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `*.test-d.ts` files are type tests: vitest runs tsc on them and reports each assertion.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
