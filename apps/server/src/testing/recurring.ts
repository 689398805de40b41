import { createTestDeps, signUpWithLedger } from '@budget/api/testing';
import type { Db } from '@budget/db';

/** A rule whose next occurrence is yesterday, as if no scheduler had run since. */
export async function overdueRule(db: Db, label: string) {
  const deps = createTestDeps(db);
  const { caller, checking } = await signUpWithLedger(deps, label);
  const rule = await caller.recurring.create({
    accountId: checking.id,
    amount: -25,
    frequency: 'daily',
    startsOn: '2999-01-01',
  });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await db
    .updateTable('recurringRules')
    .set({ startsOn: yesterday, nextOn: yesterday, endsOn: yesterday })
    .where('id', '=', rule.id)
    .execute();
  const made = () =>
    db
      .selectFrom('transactions')
      .select('id')
      .where('recurringId', '=', rule.id)
      .execute()
      .then((rows) => rows.length);
  return { made };
}

/** Polls `check` until it holds, failing after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
