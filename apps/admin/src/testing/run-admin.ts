import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '@budget/db';
import { createTestDatabase, testDatabaseUrl } from '@budget/db/testing';
import { sql } from 'kysely';

const adminDir = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
// tsx's own entry, run with this very node: no shell shim, so the child needs no PATH.
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `budget-admin <args>` as a child process with exactly `env`: nothing leaks in from the shell. */
export function runAdmin(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, cliPath, ...args], {
      cwd: adminDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
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
  if (testDatabaseUrl === undefined) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'budget-admin-'));
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
  const testDb = await createTestDatabase();
  const { databaseUrl } = testDb;
  if (databaseUrl === undefined) throw new Error('a PostgreSQL test database has a URL');
  // createTestDatabase migrates; start from nothing so `migrate` has work to do.
  await sql`drop schema public cascade`.execute(testDb.db);
  await sql`create schema public`.execute(testDb.db);
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
