import { silentLogger } from '@budget/api';
import { RECURRING_LOCK_ID } from '@budget/api/admin';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecurringScheduler } from './recurring-scheduler.ts';
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
      const scheduler = startRecurringScheduler({
        db: testDb.db,
        log: silentLogger,
        useAdvisoryLock: true,
        intervalMs: 50,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await made()).toBe(0);
      await sql`select pg_advisory_unlock(${RECURRING_LOCK_ID})`.execute(holder);
      await until(async () => (await made()) === 1);
      await scheduler.stop();
    });
  });
});
