import type { Account } from '@budget/api';
import type { AdminUser } from '@budget/api/admin';
import type { Db } from '@budget/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, migratedDatabase, runAdmin, type Target } from './testing/run-admin.ts';

interface SeedJson {
  user: AdminUser;
  password?: string;
  seed: number;
  months: number;
  from: string;
  to: string;
  transactions: number;
  accounts: Pick<Account, 'id' | 'name' | 'type' | 'currency' | 'openingBalance' | 'balance'>[];
}

const SIZE = ['--transactions', '600', '--months', '3'];

/** The ledger without its ids: per account, category, kind of entry and day, a count and a sum. */
async function ledgerShape(db: Db, ownerId: string) {
  const result = await sql<Record<string, unknown>>`
    select a.name as account, c.name as category, t.transfer_id is not null as transfer,
           t.occurred_on, count(*)::int as entries, sum(t.amount)::bigint as total
    from transactions t
    join accounts a on a.owner_id = t.owner_id and a.id = t.account_id
    left join categories c on c.owner_id = t.owner_id and c.id = t.category_id
    where t.owner_id = ${ownerId}
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  return result.rows;
}

/** Accounts whose stored balance is not opening balance + the sum of their transactions. */
async function unbalancedAccounts(db: Db, ownerId: string) {
  const result = await sql<{ name: string }>`
    select a.name from accounts a
    where a.owner_id = ${ownerId}
      and a.balance <> a.opening_balance + coalesce((select sum(t.amount) from transactions t
        where t.owner_id = a.owner_id and t.account_id = a.id), 0)`.execute(db);
  return result.rows;
}

describe('budget-admin seed', () => {
  let target: Target;
  let first: SeedJson;
  let second: SeedJson;

  beforeAll(async () => {
    target = await migratedDatabase();
  });
  afterAll(() => target.cleanup());

  it('creates a demo user with exactly the rows asked for, across four accounts', async () => {
    const run = await runAdmin(
      ['seed', '--email', 'demo1@example.com', ...SIZE, '--seed', '42', '--json'],
      target.env,
    );

    first = jsonOf(run) as SeedJson;
    expect(run.stderr).toBe('');
    expect(first).toMatchObject({ seed: 42, months: 3, transactions: 600 });
    expect(first.password?.length).toBeGreaterThanOrEqual(12);
    expect(first.accounts.map((account) => account.type).sort()).toEqual(
      ['cash', 'checking', 'credit_card', 'savings'].sort(),
    );
    await target.inspect(async (db) => {
      const rows = await db
        .selectFrom('transactions')
        .select(['occurredOn', 'amount', 'transferId', 'categoryId'])
        .where('ownerId', '=', first.user.id)
        .execute();
      expect(rows).toHaveLength(600);
      expect(rows.every((row) => row.occurredOn >= first.from && row.occurredOn <= first.to)).toBe(
        true,
      );
      // Transfers come in pairs that cancel out, and carry no category.
      const transfers = new Map<string, typeof rows>();
      for (const row of rows) {
        if (row.transferId !== null) {
          transfers.set(row.transferId, [...(transfers.get(row.transferId) ?? []), row]);
        }
      }
      for (const pair of transfers.values()) {
        expect(pair).toHaveLength(2);
        expect((pair[0]?.amount ?? 0) + (pair[1]?.amount ?? 0)).toBe(0);
        expect(pair.every((row) => row.categoryId === null)).toBe(true);
      }
      expect(await unbalancedAccounts(db, first.user.id)).toEqual([]);
      const budgets = await db
        .selectFrom('budgets')
        .select(['period', 'startsOn'])
        .where('ownerId', '=', first.user.id)
        .execute();
      expect(budgets.map((budget) => budget.period).sort()).toEqual([
        'monthly',
        'monthly',
        'weekly',
        'yearly',
      ]);
      expect(budgets.every((budget) => budget.startsOn <= first.from)).toBe(true);
    });
  });

  it('tells a believable story: monthly salary and rent, weekly groceries, refunds', async () => {
    const categoryCounts = await target.inspect(async (db) => {
      const result = await sql<{ name: string; kind: string; entries: number; refunds: number }>`
        select c.name, c.kind, count(*)::int as entries,
               (count(*) filter (where t.amount > 0))::int as refunds
        from transactions t join categories c on c.owner_id = t.owner_id and c.id = t.category_id
        where t.owner_id = ${first.user.id} group by 1, 2`.execute(db);
      return new Map(result.rows.map((row) => [`${row.kind}:${row.name}`, row]));
    });
    const salary = categoryCounts.get('income:Salary')?.entries ?? 0;
    const rent = categoryCounts.get('expense:Housing')?.entries ?? 0;
    expect(salary).toBeGreaterThanOrEqual(2);
    expect(salary).toBeLessThanOrEqual(4);
    expect(rent).toBeGreaterThanOrEqual(2);
    expect(categoryCounts.get('expense:Groceries')?.entries).toBeGreaterThanOrEqual(12);
    const refunds = [...categoryCounts.values()]
      .filter((row) => row.kind === 'expense')
      .reduce((sum, row) => sum + row.refunds, 0);
    expect(refunds).toBeGreaterThan(0);
    for (const name of ['Dining', 'Transport', 'Utilities', 'Subscriptions']) {
      expect(categoryCounts.get(`expense:${name}`)?.entries).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same seed gives the same ledger for another user', async () => {
    const run = await runAdmin(
      [
        'seed',
        '--email',
        'demo2@example.com',
        ...SIZE,
        '--seed',
        '42',
        '--password-stdin',
        '--json',
      ],
      target.env,
      { stdin: 'the demo password\n' },
    );

    second = jsonOf(run) as SeedJson;
    expect(second).not.toHaveProperty('password');
    const balances = (seeded: SeedJson) =>
      seeded.accounts.map(({ name, openingBalance, balance }) => ({
        name,
        openingBalance,
        balance,
      }));
    expect(balances(second)).toEqual(balances(first));
    await target.inspect(async (db) => {
      expect(await ledgerShape(db, second.user.id)).toEqual(await ledgerShape(db, first.user.id));
    });
  });

  it('refuses an existing email without --reset (exit 1)', async () => {
    const run = await runAdmin(['seed', '--email', 'DEMO1@example.com', ...SIZE], target.env);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^budget-admin seed: user demo1@example.com .* already exists; pass --reset/,
    );
  });

  it('--reset replaces the user; another seed gives another history; progress as plain lines', async () => {
    const run = await runAdmin(
      ['seed', '--email', 'demo1@example.com', ...SIZE, '--seed', '7', '--reset'],
      target.env,
    );

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^seed: \d+\/600 \(\d+%\)\n/);
    expect(run.stdout).toContain('seed: 600/600 (100%)\n');
    expect(run.stdout).toMatch(
      /Seeded user demo1@example.com \(id [0-9a-f-]{36}\): 600 transactions/,
    );
    expect(run.stdout).toMatch(/Generated password \(shown only this once\): \S+/);
    await target.inspect(async (db) => {
      const users = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'demo1@example.com')
        .execute();
      expect(users).toHaveLength(1);
      const id = users[0]?.id ?? '';
      expect(id).not.toBe(first.user.id);
      expect(await ledgerShape(db, first.user.id)).toEqual([]);
      expect(await ledgerShape(db, id)).not.toEqual(await ledgerShape(db, second.user.id));
      expect(await unbalancedAccounts(db, id)).toEqual([]);
    });
  });

  it('refuses fewer transactions than the fixed monthly entries need (exit 2)', async () => {
    const run = await runAdmin(
      ['seed', '--email', 'tiny@example.com', '--transactions', '50', '--months', '24'],
      target.env,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--transactions 50 is too few for 24 months of history/);
  });
});
