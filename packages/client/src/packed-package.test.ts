import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const fixtureDir = fileURLToPath(new URL('../consumer-fixture', import.meta.url));

/** The budget for type-checking the fixture's 50-line file. */
const MAX_TYPECHECK_CPU_SECONDS = 3;
/** Each tsc run takes about 2 s of CPU, much longer in wall time on a busy CI machine. */
const TSC_TIMEOUT = 120_000;

/** Every module a file imports, by specifier (`from '…'` and `import("…")`). */
function importedModules(source: string): Set<string> {
  // `from` as a keyword (after `}`, `*` or a name), not the word inside a string such as "from".
  const specifiers = source.matchAll(/(?:[\s}*]from\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g);
  return new Set(Array.from(specifiers, (match) => match[1] ?? ''));
}

/** tsc in the consumer, timed by bash: its error lines, and its wall and CPU seconds. */
async function typecheck(consumerDir: string, tsconfig: string, ...flags: string[]) {
  const command = `TIMEFORMAT='%R %U %S'; time node node_modules/typescript/bin/tsc -p ${tsconfig} ${flags.join(' ')}`;
  const { stdout, stderr } = await run('bash', ['-c', `${command} || true`], { cwd: consumerDir });
  const [wall = NaN, user = NaN, system = NaN] =
    stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  const errors = stdout.split('\n').filter((line) => line.includes('error TS'));
  return { stdout, errors, wallSeconds: wall, cpuSeconds: user + system };
}

describe('@budget/client packed and installed in a project outside the monorepo', () => {
  let workDir: string;
  let consumerDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'budget-client-consumer-'));
    // `pnpm pack` builds first (prepack), then packs what a registry would get.
    await run('pnpm', ['pack', '--pack-destination', workDir], { cwd: packageDir });
    await rename(join(workDir, 'budget-client-0.1.0.tgz'), join(workDir, 'budget-client.tgz'));
    consumerDir = join(workDir, 'consumer');
    await cp(fixtureDir, consumerDir, { recursive: true });
    await run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile'], {
      cwd: consumerDir,
    });
  }, 300_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('ships built JS and one declaration file that import nothing but tRPC', async () => {
    const installed = join(consumerDir, 'node_modules/@budget/client');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
      exports: unknown;
    };
    expect(manifest.exports).toEqual({
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    });

    const declarations = await readFile(join(installed, 'dist/index.d.ts'), 'utf8');
    expect(declarations).toContain('createBudgetClient');
    expect([...importedModules(declarations)].sort()).toEqual(['@trpc/client', '@trpc/server']);
    expect(declarations).not.toMatch(/\b(kysely|fastify|pg|zod|Context)\b|\.ts['"]/);

    const code = await readFile(join(installed, 'dist/index.js'), 'utf8');
    expect([...importedModules(code)].sort()).toEqual(['@trpc/client', '@trpc/server/observable']);

    const { stdout } = await run(
      'node',
      [
        '--input-type=module',
        '-e',
        'console.log(typeof (await import("@budget/client")).createBudgetClient)',
      ],
      { cwd: consumerDir },
    );
    expect(stdout.trim()).toBe('function');
  });

  it(
    'type-checks a consumer with a Vite-style tsconfig: no errors, few files, within 3 s',
    async () => {
      const result = await typecheck(consumerDir, 'tsconfig.json', '--extendedDiagnostics');
      const files = Number(/^Files:\s+(\d+)/m.exec(result.stdout)?.[1]);
      const memory = /^Memory used:\s+(\S+)/m.exec(result.stdout)?.[1];
      const tscTotal = /^Total time:\s+(\S+)/m.exec(result.stdout)?.[1];
      console.info(
        `consumer typecheck: ${files} files, ${memory} memory, tsc total ${tscTotal}, ` +
          `${result.cpuSeconds.toFixed(2)} s CPU, ${result.wallSeconds.toFixed(2)} s wall`,
      );

      // The `@ts-expect-error` lines in the fixture count as errors if the wrong usages compile.
      expect(result.errors).toEqual([]);
      const { stdout: listed } = await run(
        'node',
        ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--listFilesOnly'],
        { cwd: consumerDir },
      );
      const outsideLibs = listed
        .split('\n')
        .filter((path) => path !== '' && !path.includes('/node_modules/typescript/lib/'))
        .map((path) => path.replace(/^.*\/node_modules\//, ''))
        .map((path) => path.replace(/^.*\/consumer\//, ''));
      expect(
        outsideLibs.filter((path) => !/^(@trpc\/(client|server)\/dist\/|src\/)/.test(path)),
      ).toEqual(['@budget/client/dist/index.d.ts']);
      expect(files).toBeLessThan(100); // the server graph alone was 658
      // CPU time, not wall time: CI shares two cores with other test files.
      expect(result.cpuSeconds).toBeLessThanOrEqual(MAX_TYPECHECK_CPU_SECONDS);
    },
    TSC_TIMEOUT,
  );

  it(
    'its declarations also pass with skipLibCheck off (only tRPC needs lib esnext.disposable)',
    async () => {
      const { errors } = await typecheck(consumerDir, 'tsconfig.lib-check.json');
      console.info(
        `consumer typecheck with skipLibCheck false: ${errors.length} errors in @trpc/server`,
      );
      expect(errors.filter((line) => !line.includes('/@trpc/server/dist/'))).toEqual([]);
    },
    TSC_TIMEOUT,
  );
});
