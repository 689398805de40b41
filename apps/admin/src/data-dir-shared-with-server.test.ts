import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE } from '@budget/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runAdmin } from './testing/run-admin.ts';
import { postTrpc, startServer, type ServerProcess } from './testing/run-server.ts';

const PASSWORD = 'a long enough password';

/**
 * PGlite is one process per folder: two processes on one DATA_DIR lose each other's writes. The
 * second one (CLI or server) must be refused at once, whatever DATABASE_URL the tests run with.
 */
// Each test starts the server and the CLI as processes: slow on a busy machine.
describe('budget-admin and the server on one embedded DATA_DIR', { timeout: 180_000 }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'budget-shared-'));
    env = { DATA_DIR: dataDir };
  });
  afterEach(() => {
    for (const server of servers.splice(0)) server.child.kill('SIGKILL');
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  function start(): ServerProcess {
    const server = startServer(env);
    servers.push(server);
    return server;
  }

  const lockFile = () => path.join(dataDir, LOCK_FILE);

  it('refuses the CLI while the server runs, keeps the server’s data, and works once it stopped', async () => {
    const server = start();
    const baseUrl = await server.listening;
    const credentials = { email: 'server-user@example.com', password: PASSWORD };
    expect(await postTrpc(baseUrl, 'auth.register', credentials)).toBe(200);

    const refused = await runAdmin(
      ['user:create', '--email', 'cli-user@example.com', '--password', PASSWORD],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `budget-admin user:create: DATA_DIR ${dataDir} is in use by the server (pid ${String(server.child.pid)}`,
    );
    expect(refused.stderr).toContain('Stop it first, or run against PostgreSQL with DATABASE_URL.');

    // The server still answers for its user.
    expect(await postTrpc(baseUrl, 'auth.login', credentials)).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(lockFile())).toBe(false);

    const created = await runAdmin(
      ['user:create', '--email', 'cli-user@example.com', '--password', PASSWORD, '--json'],
      env,
    );
    expect(jsonOf(created)).toMatchObject({ user: { email: 'cli-user@example.com' } });
    const users = jsonOf(await runAdmin(['user:list', '--json'], env)) as { email: string }[];
    expect(users.map((user) => user.email)).toEqual([
      'server-user@example.com',
      'cli-user@example.com',
    ]);
  });

  it('refuses a second server on the same DATA_DIR at start', async () => {
    const first = start();
    await first.listening;

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.stderr().trim()).toBe(
      `DATA_DIR ${dataDir} is in use by the server (pid ${String(first.child.pid)}, started ` +
        `${(JSON.parse(readFileSync(lockFile(), 'utf8')) as { startedAt: string }).startedAt}). ` +
        'Stop it first, or run against PostgreSQL with DATABASE_URL. ' +
        `If that process is gone, delete ${lockFile()}.`,
    );
  });

  it('takes over the lock a killed server left behind', async () => {
    const server = start();
    await server.listening;
    server.child.kill('SIGKILL');
    await server.exited;
    expect(existsSync(lockFile())).toBe(true);

    const users = jsonOf(await runAdmin(['user:list', '--json'], env)) as { email: string }[];
    expect(users).toHaveLength(2);
    expect(existsSync(lockFile())).toBe(false);
  });
});
