import { createTestDeps, signUpWithLedger } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, migratedDatabase, runAdmin, type Target } from './testing/run-admin.ts';

describe('budget-admin recurring:run', () => {
  let target: Target;
  beforeAll(async () => {
    target = await migratedDatabase();
  });
  afterAll(() => target.cleanup());

  it("writes the entries due by the owner's today, once: a second run writes nothing", async () => {
    const { accountId, ruleId } = await target.inspect(async (db) => {
      const { caller, checking } = await signUpWithLedger(createTestDeps(db), 'cron');
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const rule = await caller.recurring.create({
        accountId: checking.id,
        amount: -990,
        frequency: 'daily',
        startsOn: tomorrow,
      });
      // The rule's next occurrence is moved to yesterday, as if the service had been down.
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await db
        .updateTable('recurringRules')
        .set({ startsOn: yesterday, nextOn: yesterday })
        .where('id', '=', rule.id)
        .execute();
      return { accountId: checking.id, ruleId: rule.id };
    });

    const first = jsonOf(await runAdmin(['recurring:run', '--json'], target.env));
    expect(first).toMatchObject({ occurrences: 2, failed: 0 });
    const second = await runAdmin(['recurring:run'], target.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Wrote 0 recurring entries');

    await target.inspect(async (db) => {
      const rows = await db
        .selectFrom('transactions')
        .select('amount')
        .where('recurringId', '=', ruleId)
        .execute();
      expect(rows).toHaveLength(2);
      const account = await db
        .selectFrom('accounts')
        .select('balance')
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      expect(account.balance).toBe(-1_980);
    });
  });

  it('refuses a bad --batch-size with a usage error', async () => {
    const run = await runAdmin(['recurring:run', '--batch-size', '0'], target.env);
    expect(run.code).toBe(2);
  });
});
