import { sharedProject } from '../../vitest.shared.ts';

export default sharedProject();
