import { silentLogger } from '@budget/api';
import { createTestDeps } from '@budget/api/testing';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import { recurringSchedulerPlugin } from './plugins/recurring-scheduler.ts';
import { overdueRule, until } from './testing/recurring.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const useAdvisoryLock = () => testDb.databaseUrl !== undefined;

describe('recurring scheduler plugin', () => {
  it('runs when the server is ready, writes due entries, and stops cleanly on close', async () => {
    const { made } = await overdueRule(testDb.db, 'scheduler');
    const app = await buildServer({
      deps: createTestDeps(testDb.db),
      corsOrigins: [],
      secureCookies: false,
    });
    await app.register(recurringSchedulerPlugin, {
      db: testDb.db,
      log: silentLogger,
      useAdvisoryLock: useAdvisoryLock(),
      intervalMs: 100,
    });
    await app.ready();
    await until(async () => (await made()) === 1);
    await app.close();
    expect(await made()).toBe(1);
  });
});
