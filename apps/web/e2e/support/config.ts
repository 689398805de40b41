import { fileURLToPath } from 'node:url';

/** apps/web */
export const webRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
/** Screenshots of every page go here when CI is set, for people to look at. */
export const screenshotDir = process.env.CI
  ? fileURLToPath(new URL('../../../../.ci/out/web/', import.meta.url))
  : undefined;
/** Debian's chromium package; Playwright's own browser downloads are not used. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The environment of the production build the tests run against (vitest sets NODE_ENV=test). */
export const productionBuildEnv = { ...process.env, NODE_ENV: 'production' };
