import { sharedProject } from '../../vitest.shared.ts';

/**
 * The web app's tests: end-to-end journeys in Debian's Chromium against the real server serving
 * a fresh build (made once by the global setup), and checks on that build's bundles.
 */
export default sharedProject({
  test: {
    include: ['e2e/**/*.e2e.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/build-web-app.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
