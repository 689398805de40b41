import { randomUUID } from 'node:crypto';
import { silentLogger } from '@budget/api';
import { actAs, importTransactions, type Actor, type ImportedTransaction } from '@budget/api/admin';
import { createTestDeps, signUp } from '@budget/api/testing';
import type { Db } from '@budget/db';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The bulk load behind `seed` (importTransactions), in this process: it must keep every rule a
 * single ledger write keeps, and leave balances and daily totals in step with the ledger.
 */
describe('importTransactions', () => {
  let database: TestDatabase;
  let db: Db;
  let actor: Actor;
  let owner: { id: string; checking: string; savings: string; archived: string; groceries: string };
  let stranger: { account: string; category: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const deps = createTestDeps(db);
    const mine = await signUp(deps, 'import');
    const theirs = await signUp(deps, 'stranger');
    const open = (caller: typeof mine.caller, name: string, openingBalance = 0) =>
      caller.accounts.create({ name, type: 'checking', openingBalance }).then((a) => a.id);
    const archived = await open(mine.caller, 'Old');
    await mine.caller.accounts.update({ id: archived, archived: true });
    const categories = await mine.caller.categories.list({});
    const theirCategories = await theirs.caller.categories.list({});
    owner = {
      id: mine.session.user.id,
      checking: await open(mine.caller, 'Checking', 10_000),
      savings: await open(mine.caller, 'Savings'),
      archived,
      groceries: categories.find((category) => category.name === 'Groceries')?.id ?? '',
    };
    stranger = {
      account: await open(theirs.caller, 'Theirs'),
      category: theirCategories[0]?.id ?? '',
    };
    actor = await actAs({ db, log: silentLogger }, { id: owner.id });
  });
  afterAll(() => database.destroy());

  const row = (values: Partial<ImportedTransaction> = {}): ImportedTransaction => ({
    accountId: owner.checking,
    categoryId: owner.groceries,
    amount: -1_234,
    occurredOn: '2026-03-01',
    payee: 'Corner Market',
    note: null,
    transferId: null,
    ...values,
  });

  const ledgerSize = async () =>
    (
      await db
        .selectFrom('transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ownerId', '=', owner.id)
        .executeTakeFirstOrThrow()
    ).n;

  it('writes every batch, then balance = opening balance + sum and daily totals match', async () => {
    const transferId = randomUUID();
    // Text that array literals must escape: quotes, commas, braces, backslashes, NULL, unicode.
    const awkward = `Joe's "Diner", {Main St} \\ NULL – café`;
    const progress: number[] = [];
    const result = await importTransactions(
      actor,
      [
        [row({ payee: awkward, note: 'NULL' }), row({ amount: 250_000, categoryId: null })],
        [
          row({ amount: -40_000, categoryId: null, payee: null, transferId }),
          row({
            accountId: owner.savings,
            amount: 40_000,
            categoryId: null,
            payee: null,
            transferId,
          }),
        ],
        [],
      ],
      { onProgress: (inserted) => progress.push(inserted) },
    );

    expect(result).toEqual({ inserted: 4 });
    expect(progress.at(-1)).toBe(4);
    const rows = await db
      .selectFrom('transactions')
      .select(['payee', 'note', 'currency'])
      .where('ownerId', '=', owner.id)
      .where('amount', '=', -1_234)
      .execute();
    expect(rows).toEqual([{ payee: awkward, note: 'NULL', currency: 'USD' }]);
    const accounts = await db
      .selectFrom('accounts')
      .select(['id', 'balance'])
      .where('ownerId', '=', owner.id)
      .execute();
    const balance = new Map(accounts.map((account) => [account.id, account.balance]));
    expect(balance.get(owner.checking)).toBe(10_000 - 1_234 + 250_000 - 40_000);
    expect(balance.get(owner.savings)).toBe(40_000);
    const totals = await sql<{ inflow: number; outflow: number }>`
      select coalesce(sum(inflow), 0)::bigint as inflow, coalesce(sum(outflow), 0)::bigint as outflow
      from ledger_daily_totals where owner_id = ${owner.id}`.execute(db);
    expect(totals.rows[0]).toEqual({ inflow: 250_000, outflow: -1_234 });
  });

  it.each([
    ['another user’s account', () => row({ accountId: stranger.account }), 'NOT_FOUND'],
    ['another user’s category', () => row({ categoryId: stranger.category }), 'NOT_FOUND'],
    ['an archived account', () => row({ accountId: owner.archived }), 'BAD_REQUEST'],
    ['an amount of 0', () => row({ amount: 0 }), 'BAD_REQUEST'],
    ['an amount over 1e12', () => row({ amount: 1_000_000_000_001 }), 'BAD_REQUEST'],
    ['a fraction of a cent', () => row({ amount: -12.5 }), 'BAD_REQUEST'],
    ['a transfer with a category', () => row({ transferId: randomUUID() }), 'BAD_REQUEST'],
    ['half a transfer', () => row({ categoryId: null, transferId: randomUUID() }), 'BAD_REQUEST'],
  ])('refuses %s and writes nothing', async (_case, bad, code) => {
    const before = await ledgerSize();

    await expect(importTransactions(actor, [[row({ amount: -1 })], [bad()]])).rejects.toMatchObject(
      { code },
    );
    expect(await ledgerSize()).toBe(before);
  });

  it('refuses a transfer whose sides do not cancel out', async () => {
    const transferId = randomUUID();
    const side = (accountId: string, amount: number) =>
      row({ accountId, amount, categoryId: null, transferId });

    await expect(
      importTransactions(actor, [[side(owner.checking, -500), side(owner.savings, 400)]]),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
