// `pnpm bench:import`: how long the production server takes to preview and commit a 20 000-row
// CSV statement over HTTP, to see it again (nothing written) and to undo it.
// With DATABASE_URL (a PostgreSQL admin URL) it uses the database budget_bench_import, created
// and migrated on first use; without, the embedded PGlite in a temporary DATA_DIR.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildBundle, root, startBundle, trpc } from './bench-server.ts';

const ROWS = 20_000;
const PORT = Number(process.env.BENCH_PORT ?? 4411);
const BENCH_DB = 'budget_bench_import';
const PASSWORD = 'bench password of sufficient length';

/** The same statement as the API's 20 000-row test: dates over a year, amounts to the cent. */
function statement(): string {
  const lines = ['date,amount,payee'];
  for (let row = 0; row < ROWS; row += 1) {
    const month = String((row % 12) + 1).padStart(2, '0');
    const day = String((row % 28) + 1).padStart(2, '0');
    const cents = String(row % 100).padStart(2, '0');
    lines.push(`2024-${month}-${day},-${(row % 500) + 1}.${cents},Shop ${row}`);
  }
  return lines.join('\n');
}

/** The server's database: a migrated PostgreSQL database, or a fresh PGlite directory. */
async function database(): Promise<{
  env: Record<string, string>;
  label: string;
  cleanup(): Promise<void>;
}> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'budget-bench-import-'));
    return {
      env: { DATA_DIR: dataDir },
      label: 'PGlite',
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const url = Object.assign(new URL(adminUrl), { pathname: `/${BENCH_DB}` }).toString();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [BENCH_DB]);
  if (exists.rowCount === 0) await client.query(`create database "${BENCH_DB}"`);
  await client.end();
  const migrate = spawnSync(process.execPath, ['apps/admin/bin/budget-admin.mjs', 'migrate'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (migrate.status !== 0) throw new Error('budget-admin migrate failed');
  // Registrations of earlier runs must not trip the sign-up limits of this one.
  const bench = new pg.Client({ connectionString: url });
  await bench.connect();
  await bench.query('delete from rate_limits');
  await bench.end();
  return {
    env: { DATABASE_URL: url },
    label: `PostgreSQL (${BENCH_DB})`,
    cleanup: () => Promise.resolve(),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function main(): Promise<void> {
  buildBundle();
  const target = await database();
  const server = await startBundle(target.env, PORT);
  try {
    const call = <T>(procedure: string, input: unknown, token?: string) =>
      trpc<T>(server.baseUrl, procedure, input, { token });
    const session = await call<{ accessToken: string }>('auth.register', {
      email: `bench-import-${Date.now()}@example.test`,
      password: PASSWORD,
    });
    const token = session.accessToken;
    const account = await call<{ id: string }>(
      'accounts.create',
      { name: 'Checking', type: 'checking' },
      token,
    );
    const csv = statement();
    const [preview, previewMs] = await timed(() =>
      call<{ mapping: unknown; summary: { new: number } }>(
        'imports.preview',
        { accountId: account.id, csv },
        token,
      ),
    );
    const input = { accountId: account.id, csv, mapping: preview.mapping };
    const [first, commitMs] = await timed(() =>
      call<{ importId: string; imported: number; errors: number }>('imports.commit', input, token),
    );
    const [again, againMs] = await timed(() =>
      call<{ imported: number; duplicates: number }>('imports.commit', input, token),
    );
    const [undone, undoMs] = await timed(() =>
      call<{ removed: number }>('imports.undo', { importId: first.importId }, token),
    );
    await call('auth.deleteAccount', { password: PASSWORD }, token);

    const size = `${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB`;
    console.log(
      `\n${ROWS.toLocaleString('en')}-row CSV (${size}) over HTTP, production bundle, ${target.label}`,
    );
    console.log(
      `imports.preview          ${previewMs.toFixed(0)} ms (${preview.summary.new} new rows)`,
    );
    console.log(
      `imports.commit           ${commitMs.toFixed(0)} ms (${first.imported} written, ${first.errors} errors)`,
    );
    console.log(
      `imports.commit again     ${againMs.toFixed(0)} ms (${again.imported} written, ${again.duplicates} duplicates)`,
    );
    console.log(`imports.undo             ${undoMs.toFixed(0)} ms (${undone.removed} removed)`);
    process.exitCode = first.imported === ROWS && again.imported === 0 ? 0 : 1;
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

await main();
