import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.ts';
import { DataDirInUseError, LOCK_FILE } from './data-dir-lock.ts';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

function writeLock(dataDir: string, holder: Record<string, unknown>): void {
  writeFileSync(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({ hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', ...holder }),
  );
}

function lockHolder(dataDir: string): { pid: number; holder: string } {
  return JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as {
    pid: number;
    holder: string;
  };
}

async function canQuery(dataDir: string): Promise<number | undefined> {
  const db = createDb({ dataDir, holder: 'the test' });
  try {
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    return rows[0]?.one;
  } finally {
    await db.destroy();
  }
}

// Creating and opening PGlite folders takes seconds each on a busy machine.
describe('the DATA_DIR lock: one process per embedded database', { timeout: 90_000 }, () => {
  // One folder for all: creating a PGlite database takes seconds; each test ends unlocked.
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'budget-lock-'));
  });
  afterEach(() => {
    rmSync(path.join(dataDir, LOCK_FILE), { force: true });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second opening while the first is open, and names the holder', async () => {
    const first = createDb({ dataDir, holder: 'the first opener' });
    await sql`select 1`.execute(first);
    expect(lockHolder(dataDir)).toMatchObject({ pid: process.pid, holder: 'the first opener' });

    const second = createDb({ dataDir, holder: 'the second opener' });
    const refusal = sql`select 1`.execute(second);
    await expect(refusal).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(refusal).rejects.toThrow(
      `DATA_DIR ${dataDir} is in use by the first opener (pid ${process.pid}`,
    );
    await expect(refusal).rejects.toThrow(
      /Stop it first, or run against PostgreSQL with DATABASE_URL/,
    );
    await second.destroy();

    // The first opener is unharmed and keeps working.
    await expect(sql`select 1`.execute(first)).resolves.toBeDefined();
    await first.destroy();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('opens again once the first opener is destroyed', async () => {
    expect(await canQuery(dataDir)).toBe(1);
    expect(await canQuery(dataDir)).toBe(1);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    writeLock(dataDir, { pid: deadPid(), holder: 'a killed server' });
    const db = createDb({ dataDir, holder: 'the test' });
    try {
      await sql`select 1`.execute(db);
      expect(lockHolder(dataDir)).toMatchObject({ pid: process.pid, holder: 'the test' });
    } finally {
      await db.destroy();
    }
  });

  it('takes over a lock left by an earlier life of its own pid (a restarted container)', async () => {
    writeLock(dataDir, { pid: process.pid, holder: 'the server before the restart' });
    expect(await canQuery(dataDir)).toBe(1);
  });

  it('refuses a lock held by a live process of another machine (a shared folder)', async () => {
    writeLock(dataDir, { pid: deadPid(), hostname: 'elsewhere', holder: 'the server' });
    await expect(canQuery(dataDir)).rejects.toThrow(/in use by the server \(pid \d+ on elsewhere/);
  });

  it('needs no lock for an in-memory database', async () => {
    const db = createDb({});
    const other = createDb({});
    try {
      await expect(sql`select 1`.execute(db)).resolves.toBeDefined();
      await expect(sql`select 1`.execute(other)).resolves.toBeDefined();
    } finally {
      await Promise.all([db.destroy(), other.destroy()]);
    }
  });
});
