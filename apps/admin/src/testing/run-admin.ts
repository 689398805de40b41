import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest, type Db } from '@budget/db';
import { createTestDatabase, testDatabaseUrl } from '@budget/db/testing';
import { sql } from 'kysely';

/** The directory the CLI runs in during tests. */
export const adminDir = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the child's stdin, which is then closed (for --password-stdin). */
  stdin?: string;
}

/** Runs `budget-admin <args>` as a child process with exactly `env`: nothing leaks in from the shell. */
export function runAdmin(
  args: string[],
  env: Record<string, string>,
  options: RunOptions = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // This very node with tsx's loader: no shell shim (the child needs no PATH) and, unlike the
    // tsx CLI, no second node process.
    const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], {
      cwd: adminDir,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(options.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses a run's stdout as JSON, after checking that it succeeded. */
export function jsonOf(run: CliRun): unknown {
  if (run.code !== 0) throw new Error(`budget-admin exited ${String(run.code)}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

export interface Target {
  /** The environment that points the CLI at this database. */
  env: Record<string, string>;
  /** Looks at the database from the test, while no CLI process holds it. */
  inspect<T>(look: (db: Db) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

/**
 * An isolated database with no tables: PostgreSQL when the tests run with DATABASE_URL (a test
 * database of its own, emptied), else a PGlite in a fresh DATA_DIR.
 */
export async function emptyDatabase(): Promise<Target> {
  if (testDatabaseUrl === undefined)
    return pgliteTarget(await mkdtemp(path.join(os.tmpdir(), 'budget-admin-')));
  const target = await postgresTarget();
  // createTestDatabase migrates; start from nothing so `migrate` has work to do.
  await target.inspect(async (db) => {
    await sql`drop schema public cascade`.execute(db);
    await sql`create schema public`.execute(db);
  });
  return target;
}

/** An isolated database with every migration applied, as `budget-admin migrate` leaves it. */
export async function migratedDatabase(): Promise<Target> {
  if (testDatabaseUrl !== undefined) return postgresTarget();
  const target = pgliteTarget(await mkdtemp(path.join(os.tmpdir(), 'budget-admin-')));
  await target.inspect(async (db) => {
    const { error } = await migrateToLatest(db);
    if (error !== undefined) throw new Error('migration failed', { cause: error });
  });
  return target;
}

function pgliteTarget(dataDir: string): Target {
  return {
    env: { DATA_DIR: dataDir },
    async inspect(look) {
      const db = createDb({ dataDir });
      try {
        return await look(db);
      } finally {
        await db.destroy();
      }
    },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const testDb = await createTestDatabase();
  const { databaseUrl } = testDb;
  if (databaseUrl === undefined) throw new Error('a PostgreSQL test database has a URL');
  return {
    env: { DATABASE_URL: databaseUrl },
    inspect: (look) => look(testDb.db),
    cleanup: () => testDb.destroy(),
  };
}

export interface MigrateJson {
  applied: string[];
}

export interface StatusJson {
  migrations: { name: string; status: 'applied' | 'pending'; executedAt: string | null }[];
  pending: number;
}
