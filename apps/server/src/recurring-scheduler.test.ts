import { silentLogger } from '@budget/api';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecurringScheduler } from './recurring-scheduler.ts';
import { overdueRule, until } from './testing/recurring.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const useAdvisoryLock = () => testDb.databaseUrl !== undefined;

describe('recurring scheduler', () => {
  it('runs at once, writes due entries, and stops cleanly', async () => {
    const { made } = await overdueRule(testDb.db, 'scheduler');
    const scheduler = startRecurringScheduler({
      db: testDb.db,
      log: silentLogger,
      useAdvisoryLock: useAdvisoryLock(),
      intervalMs: 100,
    });
    await until(async () => (await made()) === 1);
    await scheduler.stop();
    expect(await made()).toBe(1);
  });
});
