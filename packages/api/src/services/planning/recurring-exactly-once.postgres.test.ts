import { createDb, type Db } from '@budget/db';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type ApiDeps } from '../../deps.ts';
import { createTestDeps, signUpWithLedger } from '../../testing/index.ts';
import { addDays } from './periods.ts';
import { runDueRecurring } from './recurring-runner.ts';
import { todayIn } from './user-today.ts';

let testDb: TestDatabase;
let deps: ApiDeps;
const instances: Db[] = [];
beforeAll(async () => {
  testDb = await createTestDatabase();
  deps = createTestDeps(testDb.db);
});
afterAll(async () => {
  for (const db of instances) await db.destroy();
  await testDb.destroy();
});

describe('recurring occurrences on PostgreSQL with several runners at once', () => {
  it('six runners on their own pools, catching up 90 days of 12 users, write each occurrence once', async () => {
    const startsOn = addDays(todayIn('UTC'), 1);
    const users = await Promise.all(
      Array.from({ length: 12 }, () => signUpWithLedger(deps, 'rec-race')),
    );
    for (const { caller, checking, savings } of users) {
      await caller.recurring.create({
        accountId: checking.id,
        amount: -100,
        frequency: 'daily',
        startsOn,
      });
      await caller.recurring.create({
        accountId: checking.id,
        toAccountId: savings.id,
        amount: 1_000,
        frequency: 'weekly',
        startsOn,
      });
    }
    const later = new Date(Date.now() + 90 * 86_400_000);
    const runners = Array.from({ length: 6 }, () => createDb(testDb.config));
    instances.push(...runners);
    const results = await Promise.all(
      runners.map((db) => runDueRecurring({ db, log: silentLogger }, { now: later, batchSize: 5 })),
    );
    const total = results.reduce((sum, result) => sum + result.occurrences, 0);
    expect(results.every((result) => result.failed === 0)).toBe(true);

    const twice = await sql<{ count: number }>`
      select count(*)::int as count from (
        select recurring_id, occurred_on, account_id from transactions
        where recurring_id is not null
        group by 1, 2, 3 having count(*) > 1
      ) doubled`.execute(testDb.db);
    expect(twice.rows[0]?.count).toBe(0);

    const daily = 90;
    const weekly = Math.floor((daily - 1) / 7) + 1;
    expect(total).toBe(users.length * (daily + weekly));
    for (const { caller, checking, savings } of users) {
      expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(
        -100 * daily - 1_000 * weekly,
      );
      expect((await caller.accounts.byId({ id: savings.id })).balance).toBe(1_000 * weekly);
    }
    const again = await runDueRecurring({ db: testDb.db, log: silentLogger }, { now: later });
    expect(again.occurrences).toBe(0);
  });
});
