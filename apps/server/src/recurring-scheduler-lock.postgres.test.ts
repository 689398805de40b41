import { silentLogger } from '@budget/api';
import { createTestDeps, signUpWithLedger } from '@budget/api/testing';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import { recurringSchedulerPlugin } from './plugins/recurring-scheduler.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

/** A rule whose next occurrence is yesterday, as if no scheduler had run since. */
async function overdueRule(label: string) {
  const deps = createTestDeps(testDb.db);
  const { caller, checking } = await signUpWithLedger(deps, label);
  const rule = await caller.recurring.create({
    accountId: checking.id,
    amount: -25,
    frequency: 'daily',
    startsOn: '2999-01-01',
  });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await testDb.db
    .updateTable('recurringRules')
    .set({ startsOn: yesterday, nextOn: yesterday, endsOn: yesterday })
    .where('id', '=', rule.id)
    .execute();
  const made = () =>
    testDb.db
      .selectFrom('transactions')
      .select('id')
      .where('recurringId', '=', rule.id)
      .execute()
      .then((rows) => rows.length);
  return { made };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('recurring scheduler on PostgreSQL', () => {
  it('skips its run while another instance holds the advisory lock', async () => {
    const { made } = await overdueRule('scheduler-locked');
    await testDb.db.connection().execute(async (holder) => {
      await sql`select pg_advisory_lock(7263115204872)`.execute(holder);
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
      await sql`select pg_advisory_unlock(7263115204872)`.execute(holder);
      await until(async () => (await made()) === 1);
      await app.close();
    });
  });
});
