// Bundles an app for `node dist/...` (and the Docker image). The workspace packages (@budget/*)
// export TypeScript source, so they are inlined; every npm package stays external and must be a
// dependency of the app itself, so a production install of the app has everything it loads.
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/** @param {{ appDir: string, entry: string, outfile: string }} options paths relative to appDir */
export async function bundleApp({ appDir, entry, outfile }) {
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  await esbuild.build({
    entryPoints: [path.join(appDir, entry)],
    outfile: path.join(appDir, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'info',
    plugins: [
      {
        name: 'externals',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@budget/')) return undefined;
            if (isBuiltin(args.path)) return { path: args.path, external: true };
            const parts = args.path.split('/');
            const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
            if (!declared.has(name)) {
              return {
                errors: [{ text: `${manifest.name} must list "${name}" in its dependencies` }],
              };
            }
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleApp({ appDir: import.meta.dirname, entry: 'src/main.ts', outfile: 'dist/main.js' });
}
