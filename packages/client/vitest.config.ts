import { sharedProject } from '../../vitest.shared.ts';

export default sharedProject({
  test: {
    // `*.test-d.ts` files are type tests: vitest runs tsc on them and reports each assertion.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
