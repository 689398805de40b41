import { silentLogger, type RecurringRule } from '@budget/api';
import { runDueRecurring } from '@budget/api/admin';
import type { Db } from '@budget/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startRecurringScheduler, type RecurringScheduler } from './recurring-scheduler.ts';
import { httpUserWithAccount, type HttpUser } from './testing/http-user.ts';
import { useTestServer } from './testing/index.ts';

const server = useTestServer();

const DAY = 86_400_000;
const utcDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** Occurrences of a rule between its start and today (UTC), by the SPEC's calendar rules. */
function expectedDates(frequency: 'daily' | 'weekly' | 'monthly', startsOn: string): string[] {
  const today = utcDay(0);
  const dates: string[] = [];
  const start = new Date(`${startsOn}T00:00:00Z`);
  for (let index = 0; ; index += 1) {
    let date: string;
    if (frequency === 'monthly') {
      const year = start.getUTCFullYear();
      const month = start.getUTCMonth() + index;
      const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      date = new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)))
        .toISOString()
        .slice(0, 10);
    } else {
      const step = frequency === 'daily' ? 1 : 7;
      date = new Date(start.getTime() + index * step * DAY).toISOString().slice(0, 10);
    }
    if (date > today) return dates;
    dates.push(date);
  }
}

/** A rule made over HTTP with a future start, then set back as if the service had been down. */
async function overdueRuleOverHttp(
  db: Db,
  user: HttpUser & { accountId: string },
  frequency: 'daily' | 'weekly' | 'monthly',
  startsOn: string,
) {
  const rule = await user.mutate<RecurringRule>('recurring.create', {
    accountId: user.accountId,
    amount: -(frequency === 'daily' ? 100 : frequency === 'weekly' ? 1_000 : 10_000),
    frequency,
    startsOn: utcDay(400),
  });
  await db
    .updateTable('recurringRules')
    .set({ startsOn, nextOn: startsOn })
    .where('id', '=', rule.id)
    .execute();
  return { rule, frequency, startsOn };
}

describe('recurring occurrences exactly once, over HTTP on PostgreSQL', () => {
  it('two schedulers, a cron run and HTTP edits on two instances racing: each occurrence once', async () => {
    const { db } = server.deps;
    const sibling = await server.startSibling();
    const users = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        httpUserWithAccount(index % 2 === 0 ? server.app : sibling, `exactly-once-${index}`),
      ),
    );
    const rules = [];
    for (const user of users) {
      rules.push({ user, ...(await overdueRuleOverHttp(db, user, 'daily', utcDay(-90))) });
      rules.push({ user, ...(await overdueRuleOverHttp(db, user, 'weekly', utcDay(-120))) });
      rules.push({ user, ...(await overdueRuleOverHttp(db, user, 'monthly', '2025-01-31')) });
    }

    // Two schedulers run without the advisory lock, as if it were lost, while `recurring:run`
    // runs too and every rule is edited over HTTP on both instances (an edit also catches up).
    const schedulers: RecurringScheduler[] = [1, 2].map(() =>
      startRecurringScheduler({ db, log: silentLogger, useAdvisoryLock: false, intervalMs: 5 }),
    );
    const cron = runDueRecurring({ db, log: silentLogger }, { batchSize: 3 });
    await Promise.all(
      rules.map(({ user, rule }) =>
        user.mutate('recurring.update', { id: rule.id, note: 'edited while the runners run' }),
      ),
    );
    await cron;
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

    for (const { user, rule, frequency, startsOn } of rules) {
      const made = await db
        .selectFrom('transactions')
        .select(['occurredOn', 'amount'])
        .where('ownerId', '=', user.userId)
        .where('recurringId', '=', rule.id)
        .orderBy('occurredOn')
        .execute();
      expect(
        made.map((row) => row.occurredOn),
        `${frequency} from ${startsOn}`,
      ).toEqual(expectedDates(frequency, startsOn));
    }
    for (const user of users) {
      const { balance } = await user.query<{ balance: number }>('accounts.byId', {
        id: user.accountId,
      });
      const own = rules.filter((entry) => entry.user === user);
      expect(balance).toBe(
        own.reduce(
          (total, { rule, frequency, startsOn }) =>
            total + rule.amount * expectedDates(frequency, startsOn).length,
          0,
        ),
      );
    }
    const duplicates = await sql<{ n: number }>`
      select count(*)::int as n from (
        select recurring_id, occurred_on from transactions
        where recurring_id is not null group by 1, 2 having count(*) > 1
      ) as twice`.execute(db);
    expect(duplicates.rows[0]?.n).toBe(0);
  });
});
