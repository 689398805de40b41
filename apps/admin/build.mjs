// Bundles src/cli.ts into dist/cli.js, so the Docker image runs `node apps/admin/dist/cli.js migrate`.
// Same rules as the server's bundle: @budget/* inlined, npm packages external.
import { bundleApp } from '../server/build.mjs';

await bundleApp({ appDir: import.meta.dirname, entry: 'src/cli.ts', outfile: 'dist/cli.js' });
