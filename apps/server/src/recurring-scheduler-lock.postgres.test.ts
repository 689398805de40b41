import { silentLogger } from '@budget/api';
import { RECURRING_LOCK_ID } from '@budget/api/admin';
import { createTestDeps } from '@budget/api/testing';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import { recurringSchedulerPlugin } from './plugins/recurring-scheduler.ts';
import { overdueRule, until } from './testing/recurring.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

describe('recurring scheduler on PostgreSQL', () => {
  it('skips its run while another instance holds the advisory lock', async () => {
    const { made } = await overdueRule(testDb.db, 'scheduler-locked');
    await testDb.db.connection().execute(async (holder) => {
      await sql`select pg_advisory_lock(${RECURRING_LOCK_ID})`.execute(holder);
      const app = await buildServer({
        deps: createTestDeps(testDb.db),
        corsOrigins: [],
        secureCookies: false,
      });
      await app.register(recurringSchedulerPlugin, {
        db: testDb.db,
        log: silentLogger,
        useAdvisoryLock: true,
        intervalMs: 50,
      });
      await app.ready();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await made()).toBe(0);
      await sql`select pg_advisory_unlock(${RECURRING_LOCK_ID})`.execute(holder);
      await until(async () => (await made()) === 1);
      await app.close();
    });
  });
});
