import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { productionBuildEnv, webRoot } from './config.ts';

const viteCli = fileURLToPath(new URL('node_modules/vite/bin/vite.js', `file://${webRoot}`));

/**
 * The journeys and bundle checks run against a production build of the current sources, made
 * exactly as `pnpm --filter @budget/web build` makes it.
 */
export default async function buildWebApp(): Promise<void> {
  await promisify(execFile)(process.execPath, [viteCli, 'build', '--logLevel', 'warn'], {
    cwd: webRoot,
    env: productionBuildEnv,
  });
}
