import { sharedProject } from '../../vitest.shared.ts';

// Each test runs the CLI in child processes, which start slowly on a busy machine.
export default sharedProject({ test: { testTimeout: 60_000 } });
