import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Account, ApiDeps, Budget, Category, RecurringRule, Transaction } from '@budget/api';
import type { AdminUser } from '@budget/api/admin';
import { type callerFor, createTestDeps, signUp } from '@budget/api/testing';
import type { Db } from '@budget/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDir, jsonOf, migratedDatabase, runAdmin, type Target } from './testing/run-admin.ts';

interface ExportDocument {
  format: string;
  version: number;
  exportedAt: string;
  user: AdminUser;
  accounts: Account[];
  categories: Category[];
  budgets: Budget[];
  recurringRules: RecurringRule[];
  recurringSkips: { ruleId: string; on: string }[];
  imports: ExportedImport[];
  transactions: Transaction[];
}

interface ExportedImport {
  id: string;
  accountId: string;
  imported: number;
  duplicates: number;
  errors: number;
  createdAt: string;
}

interface UserData {
  user: AdminUser;
  accounts: Account[];
  categories: Category[];
  budgets: Budget[];
  recurringRules: RecurringRule[];
  recurringSkips: { ruleId: string; on: string }[];
  imports: Omit<ExportedImport, 'createdAt'>[];
  transactions: Transaction[];
}

type Caller = ReturnType<typeof callerFor>;

/**
 * A user with some of everything: accounts, a transfer, income, spending, an idempotency key, a
 * recurring rule that made four entries, another that skips one, and an import of two rows.
 */
async function userWithData(deps: ApiDeps, label: string): Promise<UserData> {
  const { caller } = await signUp(deps, label);
  const checking = await caller.accounts.create({ name: 'Checking', type: 'checking' });
  const savings = await caller.accounts.create({ name: 'Savings', type: 'savings' });
  const categories = await caller.categories.list({ includeArchived: true });
  const groceries = categories.find((category) => category.name === 'Groceries');
  for (let day = 1; day <= 9; day++) {
    await caller.transactions.create({
      accountId: checking.id,
      categoryId: groceries?.id,
      amount: -1_000 * day,
      occurredOn: `2026-01-0${day}`,
      payee: `Shop ${label} "${day}", Inc.\\`,
    });
  }
  await caller.transactions.create({
    accountId: checking.id,
    amount: 250_000,
    occurredOn: '2026-01-25',
    idempotencyKey: `${label}-salary`,
  });
  await caller.transactions.transfer({
    fromAccountId: checking.id,
    toAccountId: savings.id,
    amount: 50_000,
    occurredOn: '2026-01-26',
  });
  if (groceries !== undefined) {
    await caller.budgets.create({
      categoryId: groceries.id,
      amount: 40_000,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
  }
  // Made at once, as its start is past: Feb 1 to 4.
  await caller.recurring.create({
    accountId: checking.id,
    amount: -70_000,
    payee: `Rent ${label}`,
    frequency: 'daily',
    startsOn: '2026-02-01',
    endsOn: '2026-02-04',
  });
  const future = await caller.recurring.create({
    accountId: checking.id,
    amount: -500,
    frequency: 'monthly',
    startsOn: '2999-01-31',
  });
  await caller.recurring.skip({ id: future.id, on: '2999-02-28' });
  const csv = 'date,amount,payee\n2026-03-01,-12.34,Kiosk\n2026-03-02,-5.00,Bakery\n';
  const { mapping } = await caller.imports.preview({ accountId: savings.id, csv });
  const imported = await caller.imports.commit({ accountId: savings.id, csv, mapping });
  const data = await snapshot(caller);
  return {
    ...data,
    recurringSkips: [{ ruleId: future.id, on: '2999-02-28' }],
    imports: [
      {
        id: imported.importId ?? '',
        accountId: savings.id,
        imported: 2,
        duplicates: 0,
        errors: 0,
      },
    ],
  };
}

async function snapshot(caller: Caller): Promise<Omit<UserData, 'recurringSkips' | 'imports'>> {
  const transactions: Transaction[] = [];
  let cursor: string | undefined;
  do {
    const page = await caller.transactions.list({ limit: 100, cursor });
    transactions.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  const me = await caller.auth.me();
  return {
    user: { ...me, disabled: false },
    accounts: await caller.accounts.list({ includeArchived: true }),
    categories: await caller.categories.list({ includeArchived: true }),
    budgets: await caller.budgets.list(),
    recurringRules: await caller.recurring.list(),
    transactions,
  };
}

const byId = <T extends { id: string }>(items: readonly T[]) =>
  items.toSorted((a, b) => (a.id < b.id ? -1 : 1));

/** Rows per owner in every table that has an owner_id column (budgets and totals included). */
async function rowsOwnedBy(db: Db, ownerId: string): Promise<Record<string, number>> {
  const tables = await sql<{ tableName: string }>`
    select table_name from information_schema.columns
    where column_name = 'owner_id' and table_schema = current_schema()
    order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { tableName } of tables.rows) {
    const result = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(tableName)} where owner_id = ${ownerId}`.execute(
      db,
    );
    counts[tableName] = result.rows[0]?.n ?? -1;
  }
  const users = await db.selectFrom('users').select('id').where('id', '=', ownerId).execute();
  counts.users = users.length;
  return counts;
}

describe('budget-admin user:export and user:delete', () => {
  let target: Target;
  let alice: UserData;
  let bob: UserData;

  beforeAll(async () => {
    target = await migratedDatabase();
    [alice, bob] = await target.inspect(async (db) => {
      const deps = createTestDeps(db);
      return [await userWithData(deps, 'alice'), await userWithData(deps, 'bob')];
    });
  });
  afterAll(() => target.cleanup());

  it('user:export writes exactly the user’s data, in the API’s shapes, and none of another user’s', async () => {
    // A small page size makes the export walk the transactions in several keyset pages.
    const run = await runAdmin(
      ['user:export', '--email', alice.user.email.toUpperCase(), '--page-size', '4'],
      target.env,
    );

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(run.stdout) as ExportDocument;
    expect(document).toMatchObject({ format: 'budget-tracker.user-export', version: 1 });
    expect(document.user).toEqual(alice.user);
    expect(byId(document.accounts)).toEqual(byId(alice.accounts));
    expect(byId(document.categories)).toEqual(byId(alice.categories));
    expect(alice.budgets).toHaveLength(1);
    expect(byId(document.budgets)).toEqual(byId(alice.budgets));
    expect(byId(document.recurringRules)).toEqual(byId(alice.recurringRules));
    expect(document.recurringRules).toHaveLength(2);
    expect(document.recurringSkips).toEqual(alice.recurringSkips);
    expect(document.imports).toEqual(
      alice.imports.map((entry) => ({ ...entry, createdAt: expect.any(String) as unknown })),
    );
    expect(document.transactions).toHaveLength(18);
    expect(byId(document.transactions)).toEqual(byId(alice.transactions));
    expect(document.transactions.filter((item) => item.recurringId !== null)).toHaveLength(4);
    expect(
      document.transactions.filter((item) => item.importId === alice.imports[0]?.id),
    ).toHaveLength(2);
    for (const id of [
      bob.user.id,
      ...bob.accounts.map((account) => account.id),
      ...bob.recurringRules.map((rule) => rule.id),
      ...bob.imports.map((entry) => entry.id),
    ]) {
      expect(run.stdout).not.toContain(id);
    }
    expect(run.stdout).not.toMatch(/passwordHash|argon2/);
  });

  it('user:export --out writes the same document to a private file', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'budget-export-')), 'bob.json');
    const run = await runAdmin(
      ['user:export', '--id', bob.user.id, '--out', file, '--json'],
      target.env,
    );

    const output = jsonOf(run) as { file: string; bytes: number };
    const document = JSON.parse(await readFile(file, 'utf8')) as ExportDocument;
    const info = await stat(file);
    expect(output).toEqual({ user: bob.user, file, bytes: info.size });
    expect(info.mode & 0o777).toBe(0o600);
    expect(byId(document.transactions)).toEqual(byId(bob.transactions));
    await rm(path.dirname(file), { recursive: true });
  });

  it('user:export --out resolves a relative path against where pnpm admin was started, and says where', async () => {
    // The root `pnpm admin` script runs the CLI in apps/server; pnpm names the caller's
    // directory in INIT_CWD.
    const callerDir = await mkdtemp(path.join(os.tmpdir(), 'budget-export-caller-'));
    const run = await runAdmin(['user:export', '--id', bob.user.id, '--out', 'bob.json'], {
      ...target.env,
      INIT_CWD: callerDir,
    });

    const file = path.join(callerDir, 'bob.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Exported user ${bob.user.email} (id ${bob.user.id}) to ${file} (${(await stat(file)).size} bytes).\n`,
    );
    await expect(stat(path.join(adminDir, 'bob.json'))).rejects.toThrow(/ENOENT/);
    await rm(callerDir, { recursive: true });
  });

  it('user:delete without --yes changes nothing and exits 2 saying why', async () => {
    const run = await runAdmin(['user:delete', '--email', alice.user.email], target.env);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot be undone; add --yes to confirm');
    expect(run.stderr).toContain('Usage: budget-admin user:delete');
    const left = await target.inspect((db) => rowsOwnedBy(db, alice.user.id));
    expect(left.users).toBe(1);
  });

  it('user:delete --yes removes the user and everything of theirs, and nothing of others', async () => {
    const before = await target.inspect(async (db) => ({
      alice: await rowsOwnedBy(db, alice.user.id),
      bob: await rowsOwnedBy(db, bob.user.id),
    }));
    expect(before.alice).toMatchObject({
      users: 1,
      logins: 1,
      refresh_tokens: 1,
      accounts: 2,
      transactions: 18,
      idempotency_keys: 1,
      recurring_rules: 2,
      recurring_skips: 1,
      recurring_occurrences: 4,
      imports: 1,
    });
    expect(before.alice.categories).toBeGreaterThan(0);

    const run = await runAdmin(
      ['user:delete', '--id', alice.user.id, '--yes', '--json'],
      target.env,
    );

    expect(jsonOf(run)).toEqual({
      user: alice.user,
      deleted: { accounts: 2, categories: before.alice.categories, transactions: 18 },
    });
    const after = await target.inspect(async (db) => ({
      alice: await rowsOwnedBy(db, alice.user.id),
      bob: await rowsOwnedBy(db, bob.user.id),
    }));
    expect(Object.values(after.alice).every((count) => count === 0)).toBe(true);
    expect(after.bob).toEqual(before.bob);
  });
});
