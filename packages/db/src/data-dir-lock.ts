import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The file in DATA_DIR that says which process has the embedded database open. */
export const LOCK_FILE = 'pglite.lock';

interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holding process started: with the pid, what tells this lock from a later one. */
  startedAt: string;
  /** Who holds it, for the refusal message: `the server`, `budget-admin seed` … */
  holder: string;
}

/** Another live process has this DATA_DIR open; PGlite allows one process per folder. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';

  constructor(dataDir: string, lockFile: string, current: LockHolder) {
    const where = current.hostname === os.hostname() ? '' : ` on ${current.hostname}`;
    super(
      `DATA_DIR ${dataDir} is in use by ${current.holder} (pid ${current.pid}${where}, ` +
        `started ${current.startedAt}). Stop it first, or run against PostgreSQL with ` +
        `DATABASE_URL. If that process is gone, delete ${lockFile}.`,
    );
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still this process's. Safe to call more than once. */
  release(): void;
}

const processStartedAt = new Date(Date.now() - process.uptime() * 1000).toISOString();

/** Lock files this process holds, removed on exit (normal exit, process.exit, a crash). */
const held = new Map<string, LockHolder>();
let releaseOnExit = false;

/**
 * Takes the exclusive lock on `dataDir`, or throws DataDirInUseError naming the live process that
 * holds it. A lock left by a process that is gone (killed, crashed) is taken over.
 */
export function lockDataDir(dataDir: string, holder: string): DataDirLock {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: processStartedAt,
    holder,
  };

  for (let attempt = 1; ; attempt++) {
    if (createExclusively(lockFile, mine)) break;
    const current = readHolder(lockFile);
    if (current === undefined) continue; // released between our two looks
    if (isAlive(lockFile, current) || attempt >= 3)
      throw new DataDirInUseError(dir, lockFile, current);
    rmSync(lockFile, { force: true });
  }

  held.set(lockFile, mine);
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.on('exit', () => {
      for (const file of held.keys()) release(file);
    });
  }
  return {
    release: () => {
      release(lockFile);
    },
  };
}

/** Writes the whole lock elsewhere first and links it in place: the lock never appears half-written. */
function createExclusively(lockFile: string, mine: LockHolder): boolean {
  const draft = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
  try {
    linkSync(draft, lockFile);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

function readHolder(lockFile: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(lockFile, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as LockHolder;
  } catch {
    // Not ours to read: treat it as held by nobody, so it is taken over.
    return { pid: 0, hostname: os.hostname(), startedAt: 'unknown', holder: 'an unknown process' };
  }
}

function isAlive(lockFile: string, current: LockHolder): boolean {
  // A pid on another machine (a shared folder) cannot be checked: assume it is running.
  if (current.hostname !== os.hostname()) return true;
  if (!Number.isInteger(current.pid) || current.pid <= 0) return false;
  // Our own pid: held by us now, or left by an earlier life of this pid (a container restarted
  // after a kill runs the server as pid 1 again).
  if (current.pid === process.pid) return held.has(lockFile);
  try {
    process.kill(current.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function release(lockFile: string): void {
  const mine = held.get(lockFile);
  if (mine === undefined) return;
  held.delete(lockFile);
  const current = readHolder(lockFile);
  if (current?.pid === mine.pid && current.startedAt === mine.startedAt) {
    rmSync(lockFile, { force: true });
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
