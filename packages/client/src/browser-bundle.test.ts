import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Server-side packages and workspace folders a browser bundle must never contain. */
const SERVER_CODE = [
  /node_modules\/(pg|pg-[\w-]+|kysely|fastify|@fastify\/[\w-]+|@electric-sql\/[\w-]+)\//,
  /node_modules\/(argon2|@node-rs\/[\w-]+|jose|zod|pino)\//,
  /@budget\/(api|db|server)\//,
  /(^|\/)(packages\/api|packages\/db|apps\/server)\//,
];

const nodeBuiltins = new Set(builtinModules);

function isNodeBuiltin(path: string): boolean {
  return (
    path.startsWith('node:') || nodeBuiltins.has(path) || nodeBuiltins.has(path.split('/')[0] ?? '')
  );
}

/** Lets node builtins through as externals, so the test can name them instead of erroring. */
const recordNodeBuiltins: Plugin = {
  name: 'record-node-builtins',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) =>
      isNodeBuiltin(args.path) ? { path: args.path, external: true } : undefined,
    );
  },
};

async function bundleForBrowser(): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [recordNodeBuiltins],
  });
  return result.metafile;
}

describe('browser bundle of @budget/client', () => {
  it('contains the tRPC client and no server code or node builtins', async () => {
    const metafile = await bundleForBrowser();
    const inputs = Object.keys(metafile.inputs);
    const externals = Object.values(metafile.inputs).flatMap((input) =>
      input.imports.filter((imported) => imported.external).map((imported) => imported.path),
    );

    // The bundle really is the client: without this the checks below could pass vacuously.
    expect(inputs.some((path) => path.includes('node_modules/@trpc/client/'))).toBe(true);
    expect(inputs.filter((path) => SERVER_CODE.some((pattern) => pattern.test(path)))).toEqual([]);
    expect(externals.filter(isNodeBuiltin)).toEqual([]);
    expect(externals).toEqual([]);
  });
});
