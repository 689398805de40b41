import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../deps.ts';
import type { RouterInputs } from '../root.ts';
import type { Transaction, TransactionSort } from '../schemas/transactions.ts';
import { rebuildLedgerTotals } from '../services/ledger/ledger-changes.ts';
import { createTestDeps, signUp } from '../testing/index.ts';

let database: TestDatabase;
let deps: ApiDeps;

type Caller = Awaited<ReturnType<typeof signUp>>['caller'];
type ListInput = RouterInputs['transactions']['list'];
type PageInput = RouterInputs['transactions']['page'];
type Filters = Omit<ListInput, 'sort' | 'limit' | 'cursor'>;
type Row = Pick<
  Transaction,
  'id' | 'accountId' | 'categoryId' | 'amount' | 'occurredOn' | 'payee' | 'note' | 'transferId'
>;

const sorts = [
  'date_desc',
  'date_asc',
  'amount_desc',
  'amount_asc',
] as const satisfies readonly TransactionSort[];

/** PostgreSQL orders uuids byte by byte: for lowercase hex text that is plain string order. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order each sort promises, ties broken by id in the sort's direction. */
const comparators: Record<TransactionSort, (a: Row, b: Row) => number> = {
  date_desc: (a, b) => compareText(b.occurredOn, a.occurredOn) || compareText(b.id, a.id),
  date_asc: (a, b) => compareText(a.occurredOn, b.occurredOn) || compareText(a.id, b.id),
  amount_desc: (a, b) => b.amount - a.amount || compareText(b.id, a.id),
  amount_asc: (a, b) => a.amount - b.amount || compareText(a.id, b.id),
};

function ordered(rows: readonly Row[], sort: TransactionSort): string[] {
  return [...rows].sort(comparators[sort]).map((row) => row.id);
}

/** A fixed pseudo-random sequence (mulberry32), so every run seeds the same ledger shape. */
function seededRandom(seed: number): <T>(choices: readonly T[]) => T {
  let state = seed;
  return (choices) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const choice = choices[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * choices.length)];
    if (choice === undefined) throw new Error('no choices');
    return choice;
  };
}

// Few dates and few amounts: most rows tie with others on their sort key.
const dates = Array.from({ length: 12 }, (_, day) => `2026-01-${String(day + 1).padStart(2, '0')}`);
const amounts = [-120_00, -25_00, -25_00, -10_00, -9_99, -45, 45, 10_00, 25_00, 1_200_00];
const payees = [
  'Corner Shop',
  'CORNER SHOP',
  'corner cafe',
  '100% Juice',
  '100 Juice Bar',
  'ACME_Corp',
  'ACMExCorp',
  'Back\\slash Ltd',
  null,
];
const notes = ['weekly shop', 'Groceries for a_b', 'axb note', 'Fifty%off', 'REFUND', null, null];

interface SeededUser {
  caller: Caller;
  ownerId: string;
  accountIds: [string, string];
  categoryIds: string[];
  rows: Row[];
}

/** Brings stored balances back in line with the ledger after direct inserts. */
async function fixBalances(ownerId: string): Promise<void> {
  await sql`
    update accounts set balance = opening_balance + coalesce(
      (select sum(t.amount) from transactions t
        where t.owner_id = accounts.owner_id and t.account_id = accounts.id), 0)
    where owner_id = ${ownerId}`.execute(database.db);
  // The totals too: an unfiltered page learns from them that the window is full.
  await database.db.transaction().execute((trx) => rebuildLedgerTotals(trx, ownerId));
}

async function readRows(ownerId: string): Promise<Row[]> {
  return database.db
    .selectFrom('transactions')
    .select([
      'id',
      'accountId',
      'categoryId',
      'amount',
      'occurredOn',
      'payee',
      'note',
      'transferId',
    ])
    .where('ownerId', '=', ownerId)
    .execute();
}

/** A user with ~300 transactions over 2 accounts and 5 categories, 20 of them transfer sides. */
async function seedUser(label: string): Promise<SeededUser> {
  const { caller, session } = await signUp(deps, label);
  const ownerId = session.user.id;
  const first = await caller.accounts.create({
    name: 'Everyday',
    type: 'checking',
    openingBalance: 500_00,
  });
  const second = await caller.accounts.create({ name: 'Savings', type: 'savings' });
  const categories = await caller.categories.list();
  const categoryIds = categories.slice(0, 5).map((category) => category.id);
  const pick = seededRandom(42);

  const singles = Array.from({ length: 280 }, () => {
    const account = pick([first, second]);
    return {
      ownerId,
      accountId: account.id,
      currency: account.currency,
      categoryId: pick([...categoryIds, null]),
      amount: pick(amounts),
      occurredOn: pick(dates),
      payee: pick(payees),
      note: pick(notes),
    };
  });
  const transfers = Array.from({ length: 10 }, () => {
    const transferId = randomUUID();
    const amount = pick([25_00, 300_00]);
    const occurredOn = pick(dates);
    const side = (accountId: string, signed: number) => ({
      ownerId,
      accountId,
      currency: first.currency,
      categoryId: null,
      amount: signed,
      occurredOn,
      payee: null,
      note: 'to savings',
      transferId,
    });
    return [side(first.id, -amount), side(second.id, amount)];
  }).flat();
  await database.db
    .insertInto('transactions')
    .values([...singles, ...transfers])
    .execute();
  await fixBalances(ownerId);
  return {
    caller,
    ownerId,
    accountIds: [first.id, second.id],
    categoryIds,
    rows: await readRows(ownerId),
  };
}

interface Walk {
  items: Transaction[];
  pages: number;
}

/** Follows nextCursor to the end; `between` runs after each page (to write mid-walk). */
async function walk(
  caller: Caller,
  input: Omit<ListInput, 'cursor'>,
  between: (page: number, last: Transaction) => Promise<void> = () => Promise.resolve(),
): Promise<Walk> {
  const items: Transaction[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await caller.transactions.list({
      ...input,
      ...(cursor === undefined ? {} : { cursor }),
    });
    pages += 1;
    if (pages > 1_000) throw new Error('the walk does not end');
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    // A full page promises more; no walk ends on an empty page.
    if (cursor !== undefined) expect(page.items).toHaveLength(input.limit ?? 20);
    else if (pages > 1) expect(page.items.length).toBeGreaterThan(0);
    const last = page.items.at(-1);
    if (cursor !== undefined && last !== undefined) await between(pages, last);
  } while (cursor !== undefined);
  return { items, pages };
}

const ids = (items: readonly { id: string }[]): string[] => items.map((item) => item.id);

async function badRequest(call: Promise<unknown>, what = 'the call'): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected ${what} to fail with a TRPCError`, { cause: error });
  }
  expect(error.code).toBe('BAD_REQUEST');
  return error;
}

let main: SeededUser;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createTestDeps(database.db);
  main = await seedUser('pages');
});
afterAll(() => database.destroy());

describe('the seeded ledger', () => {
  it('has ~300 rows full of ties on every sort key, so tie-breaking is really exercised', () => {
    expect(main.rows).toHaveLength(300);
    const distinct = (values: readonly unknown[]) => new Set(values).size;
    expect(distinct(main.rows.map((row) => row.occurredOn))).toBeLessThanOrEqual(12);
    expect(distinct(main.rows.map((row) => row.amount))).toBeLessThanOrEqual(11);
  });

  it('keeps stored balances equal to opening balance plus the seeded rows', async () => {
    const accounts = await main.caller.accounts.list();
    for (const account of accounts) {
      const sum = main.rows
        .filter((row) => row.accountId === account.id)
        .reduce((total, row) => total + row.amount, 0);
      expect(account.balance).toBe(account.openingBalance + sum);
    }
  });
});

describe('transactions.list keyset walk', () => {
  it.each(sorts)('returns every row exactly once in %s order, ties broken by id', async (sort) => {
    const { items, pages } = await walk(main.caller, { sort, limit: 7 });
    expect(ids(items)).toEqual(ordered(main.rows, sort));
    expect(pages).toBe(Math.ceil(300 / 7));
  });

  it('ends without an extra empty page when the rows fill the last page exactly', async () => {
    const { items, pages } = await walk(main.caller, { limit: 100 });
    expect(items).toHaveLength(300);
    expect(pages).toBe(3);
  });

  it.each(sorts)(
    'returns every original row exactly once, in %s order, while rows are inserted before and after its position',
    async (sort) => {
      const user = await seedUser(`walk-${sort}`);
      const comparator = comparators[sort];
      const inserted = { before: new Set<string>(), after: new Set<string>() };
      let serial = 0;
      /** An id that sorts first (low) or last (high) among rows with an equal key. */
      const idAt = (end: 'low' | 'high') => {
        serial += 1;
        const tail = String(serial).padStart(12, '0');
        return end === 'low'
          ? `00000000-0000-4000-8000-${tail}`
          : `ffffffff-ffff-4fff-bfff-${tail}`;
      };
      const descending = sort.endsWith('_desc');
      const byDate = sort.startsWith('date');

      const insertAround = async (last: Transaction) => {
        // Same key as the last row returned: the id alone decides which side of the cursor it lands.
        const sameKey = (side: 'before' | 'after') => ({
          id: idAt((side === 'before') === descending ? 'high' : 'low'),
          occurredOn: byDate ? last.occurredOn : '2026-01-06',
          amount: byDate ? -7_77 : last.amount,
        });
        // A strictly earlier or later key than the last row returned.
        const otherKey = (side: 'before' | 'after') => {
          const early = (side === 'before') !== descending;
          return {
            id: randomUUID(),
            occurredOn: byDate ? (early ? '2025-06-30' : '2027-06-30') : '2026-01-06',
            amount: byDate ? 8_88 : early ? -9_999_99 : 9_999_99,
          };
        };
        const fresh = (['before', 'after'] as const).flatMap((side) =>
          [sameKey(side), otherKey(side)].map((key) => ({ side, key })),
        );
        await database.db
          .insertInto('transactions')
          .values(
            fresh.map(({ key }) => ({
              ...key,
              ownerId: user.ownerId,
              accountId: user.accountIds[0],
              currency: 'USD',
              payee: 'Inserted mid-walk',
            })),
          )
          .execute();
        for (const { side, key } of fresh) inserted[side].add(key.id);
        // The test's own arithmetic: each new row really lies on the intended side.
        for (const { side, key } of fresh) {
          const order = comparator({ ...last, ...key }, last);
          expect(side === 'before' ? order < 0 : order > 0).toBe(true);
        }
      };

      const { items } = await walk(user.caller, { sort, limit: 7 }, async (page, last) => {
        if (page === 3 || page === 20) await insertAround(last);
      });

      const returned = ids(items);
      expect(new Set(returned).size).toBe(returned.length);
      const originals = new Set(ids(user.rows));
      expect(returned.filter((id) => originals.has(id))).toEqual(ordered(user.rows, sort));
      for (const [index, item] of items.entries()) {
        const next = items[index + 1];
        if (next !== undefined) expect(comparator(item, next)).toBeLessThan(0);
      }
      expect(returned.filter((id) => inserted.before.has(id))).toEqual([]);
      expect(new Set(returned.filter((id) => inserted.after.has(id)))).toEqual(inserted.after);
      expect(inserted.after.size).toBe(4);
      await fixBalances(user.ownerId);
    },
  );
});

describe('transactions.list cursors', () => {
  async function firstCursor(sort: TransactionSort): Promise<string> {
    const { nextCursor } = await main.caller.transactions.list({ sort, limit: 7 });
    if (nextCursor === null) throw new Error('expected a second page');
    return nextCursor;
  }
  const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

  it('refuses a tampered cursor with BAD_REQUEST', async () => {
    const genuine = await firstCursor('date_desc');
    const decoded: unknown = JSON.parse(Buffer.from(genuine, 'base64url').toString('utf8'));
    expect(decoded).toMatchObject({ s: 'date_desc' });
    const tampered = [
      'not-a-cursor',
      genuine.slice(0, -6),
      Buffer.from(genuine, 'base64url').reverse().toString('base64url'),
      encode({}),
      encode(null),
      encode([1, 2, 3]),
      encode({ ...(decoded as object), i: 'not-a-uuid' }),
      encode({ ...(decoded as object), d: '2026-02-30' }),
      encode({ ...(decoded as object), a: 1.5 }),
      encode({ ...(decoded as object), a: '100' }),
      encode({ ...(decoded as object), s: 'newest' }),
      'x'.repeat(513),
    ];
    for (const cursor of tampered) {
      await badRequest(
        main.caller.transactions.list({ sort: 'date_desc', cursor }),
        `cursor ${cursor}`,
      );
    }
  });

  it('refuses a cursor from another sort with BAD_REQUEST', async () => {
    for (const from of sorts) {
      const cursor = await firstCursor(from);
      for (const to of sorts.filter((sort) => sort !== from)) {
        await badRequest(
          main.caller.transactions.list({ sort: to, cursor }),
          `a ${from} cursor with ${to}`,
        );
      }
    }
  });
});

/** What each filter must keep, in JS, from the same rows the database holds. */
function matches(row: Row, filters: Filters): boolean {
  const { accountId, categoryId, kind, from, to, minAmount, maxAmount, search } = filters;
  const kindOf = row.transferId !== null ? 'transfer' : row.amount > 0 ? 'income' : 'expense';
  const term = search?.trim().toLowerCase();
  return (
    (accountId === undefined || row.accountId === accountId) &&
    (categoryId === undefined || row.categoryId === categoryId) &&
    (kind === undefined || kindOf === kind) &&
    (from === undefined || row.occurredOn >= from) &&
    (to === undefined || row.occurredOn <= to) &&
    (minAmount === undefined || row.amount >= minAmount) &&
    (maxAmount === undefined || row.amount <= maxAmount) &&
    (term === undefined ||
      [row.payee, row.note].some((text) => text?.toLowerCase().includes(term) === true))
  );
}

describe('transactions.list filters', () => {
  const cases: [string, () => Filters][] = [
    ['accountId', () => ({ accountId: main.accountIds[1] })],
    ['categoryId', () => ({ categoryId: main.categoryIds[2] })],
    ['categoryId null (uncategorized, transfers included)', () => ({ categoryId: null })],
    ['kind income', () => ({ kind: 'income' })],
    ['kind expense', () => ({ kind: 'expense' })],
    ['kind transfer', () => ({ kind: 'transfer' })],
    ['from (inclusive)', () => ({ from: '2026-01-09' })],
    ['to (inclusive)', () => ({ to: '2026-01-03' })],
    ['from = to: a single day', () => ({ from: '2026-01-07', to: '2026-01-07' })],
    ['minAmount on the signed amount', () => ({ minAmount: 10_00 })],
    ['maxAmount on the signed amount', () => ({ maxAmount: -10_00 })],
    ['minAmount = maxAmount', () => ({ minAmount: -25_00, maxAmount: -25_00 })],
    ['search, case-insensitive on payee', () => ({ search: 'CoRnEr' })],
    ['search, case-insensitive on note', () => ({ search: 'refund' })],
    ['search with surrounding spaces', () => ({ search: '  corner shop ' })],
    ['search with a literal %', () => ({ search: '100%' })],
    ['search for % alone', () => ({ search: '%' })],
    ['search with a literal _', () => ({ search: 'a_b' })],
    ['search for _Corp (not xCorp)', () => ({ search: '_corp' })],
    ['search with a backslash', () => ({ search: '\\' })],
    ['search that matches nothing', () => ({ search: 'no such payee' })],
    [
      'accountId + kind expense + date range',
      () => ({
        accountId: main.accountIds[0],
        kind: 'expense',
        from: '2026-01-03',
        to: '2026-01-08',
      }),
    ],
    [
      'categoryId + amount range + search',
      () => ({
        categoryId: main.categoryIds[0],
        minAmount: -25_00,
        maxAmount: 25_00,
        search: 'shop',
      }),
    ],
    ['kind transfer + accountId', () => ({ kind: 'transfer', accountId: main.accountIds[1] })],
    [
      'categoryId null + kind income + to',
      () => ({ categoryId: null, kind: 'income', to: '2026-01-10' }),
    ],
  ];

  it.each(cases)('returns exactly the rows matching %s, in order', async (_name, filtersOf) => {
    const filters = filtersOf();
    const expected = ordered(
      main.rows.filter((row) => matches(row, filters)),
      'date_desc',
    );
    const { items } = await walk(main.caller, { ...filters, limit: 7 });
    expect(ids(items)).toEqual(expected);

    const page = await main.caller.transactions.page({ ...filters, pageSize: 100 });
    expect(page).toMatchObject({
      totalItems: expected.length,
      totalPages: Math.ceil(expected.length / 100),
      totalIsExact: true,
    });
    expect(ids(page.items)).toEqual(expected.slice(0, 100));
  });

  it('has filters that really narrow: each seeded case keeps some rows and drops others', () => {
    for (const [name, filtersOf] of cases) {
      const kept = main.rows.filter((row) => matches(row, filtersOf())).length;
      if (name === 'search that matches nothing') expect(kept).toBe(0);
      else
        expect({ name, kept: kept > 0 && kept < main.rows.length }).toEqual({ name, kept: true });
    }
  });

  it('matches a search within the payee or within the note, never across the two', async () => {
    const { caller } = await signUp(deps, 'search');
    const account = await caller.accounts.create({ name: 'Wallet', type: 'cash' });
    const row = { accountId: account.id, amount: -5_00, occurredOn: '2026-02-01' };
    await caller.transactions.create({ ...row, payee: 'Corner Shop', note: 'weekly run' });
    const both = await caller.transactions.create({ ...row, payee: 'Shop weekly', note: null });
    // "shop weekly" is in the second row's payee; the first row only has "Shop" + "weekly" apart.
    expect(ids((await caller.transactions.list({ search: 'shop weekly' })).items)).toEqual([
      both.id,
    ]);
  });

  it('treats % and _ in a search literally, not as wildcards', () => {
    const payeesFor = (search: string) =>
      new Set(main.rows.filter((row) => matches(row, { search })).map((row) => row.payee));
    expect(payeesFor('100%').has('100 Juice Bar')).toBe(false);
    expect(payeesFor('_corp').has('ACMExCorp')).toBe(false);
  });
});

describe('transactions.page', () => {
  async function allPages(caller: Caller, input: Omit<PageInput, 'page'>) {
    const first = await caller.transactions.page({ ...input, page: 1 });
    const items = [...first.items];
    for (let page = 2; page <= first.totalPages; page += 1) {
      const next = await caller.transactions.page({ ...input, page });
      expect(next).toMatchObject({
        page,
        totalItems: first.totalItems,
        totalPages: first.totalPages,
        totalIsExact: first.totalIsExact,
      });
      items.push(...next.items);
    }
    return { first, items };
  }

  it.each(sorts)(
    'counts all rows exactly and its pages concatenate to the list order (%s)',
    async (sort) => {
      const { first, items } = await allPages(main.caller, { sort, pageSize: 25 });
      expect(first).toMatchObject({
        page: 1,
        pageSize: 25,
        totalItems: 300,
        totalPages: 12,
        totalIsExact: true,
      });
      const listed = await walk(main.caller, { sort, limit: 7 });
      expect(ids(items)).toEqual(ids(listed.items));
      expect(ids(items)).toEqual(ordered(main.rows, sort));
    },
  );

  it('counts exactly with filters and its pages concatenate to the filtered list order', async () => {
    const filters: Filters = { accountId: main.accountIds[0], kind: 'expense' };
    const expected = ordered(
      main.rows.filter((row) => matches(row, filters)),
      'amount_asc',
    );
    const { first, items } = await allPages(main.caller, {
      ...filters,
      sort: 'amount_asc',
      pageSize: 9,
    });
    expect(first).toMatchObject({
      totalItems: expected.length,
      totalPages: Math.ceil(expected.length / 9),
      totalIsExact: true,
    });
    expect(ids(items)).toEqual(expected);
  });

  it('answers a page past the end with no items and the same totals', async () => {
    const page = await main.caller.transactions.page({ page: 99, pageSize: 100 });
    expect(page).toMatchObject({
      items: [],
      page: 99,
      totalItems: 300,
      totalPages: 3,
      totalIsExact: true,
    });
  });

  it('refuses page × pageSize beyond 10 000 with BAD_REQUEST naming transactions.list', async () => {
    for (const input of [
      { page: 101, pageSize: 100 },
      { page: 10_001, pageSize: 1 },
      { page: 501, pageSize: 20 },
    ]) {
      const error = await badRequest(main.caller.transactions.page(input));
      expect(error.message).toContain('transactions.list');
    }
    const edge = await main.caller.transactions.page({ page: 100, pageSize: 100 });
    expect(edge).toMatchObject({ items: [], totalItems: 300 });
  });

  describe('on a ledger past the 10 000-row window', () => {
    let big: { caller: Caller; ownerId: string };
    const ROWS = 10_050;

    beforeAll(async () => {
      const { caller, session } = await signUp(deps, 'big');
      const account = await caller.accounts.create({ name: 'Busy', type: 'checking' });
      // Row n: amount -n (all distinct), dates cycling through 1 000 days.
      await sql`
        insert into transactions (owner_id, account_id, currency, amount, occurred_on, payee)
        select ${session.user.id}::uuid, ${account.id}::uuid, ${account.currency}, -n,
               date '2020-01-01' + (n % 1000), 'Payee ' || (n % 50)
        from generate_series(1, ${ROWS}) as n`.execute(database.db);
      await fixBalances(session.user.id);
      big = { caller, ownerId: session.user.id };
    });

    it('stops counting at 10 001 rows: totalItems 10 001, totalIsExact false', async () => {
      const page = await big.caller.transactions.page({});
      expect(page).toMatchObject({ totalItems: 10_001, totalPages: 500, totalIsExact: false });
      expect(page.items).toHaveLength(20);
    });

    it('still serves the last page of the window, and only through list goes deeper', async () => {
      const last = await big.caller.transactions.page({
        page: 100,
        pageSize: 100,
        sort: 'amount_desc',
      });
      expect(last.items).toHaveLength(100);
      expect(last.items.at(-1)?.amount).toBe(-10_000);
      const error = await badRequest(big.caller.transactions.page({ page: 101, pageSize: 100 }));
      expect(error.message).toContain('transactions.list');
    });

    it('counts exactly when a filter leaves at most 10 000 rows, and caps at 10 001 just past it', async () => {
      // Amounts ≤ -51 are rows 51…10 050: exactly 10 000.
      expect(await big.caller.transactions.page({ maxAmount: -51 })).toMatchObject({
        totalItems: 10_000,
        totalPages: 500,
        totalIsExact: true,
      });
      // Rows 50…10 050: 10 001 rows, one past the window.
      expect(await big.caller.transactions.page({ maxAmount: -50 })).toMatchObject({
        totalItems: 10_001,
        totalIsExact: false,
      });
      // Rows 1…1 000.
      expect(await big.caller.transactions.page({ minAmount: -1_000, pageSize: 30 })).toMatchObject(
        {
          totalItems: 1_000,
          totalPages: 34,
          totalIsExact: true,
        },
      );
    });

    it("counts only the caller's rows", async () => {
      expect(await main.caller.transactions.page({})).toMatchObject({ totalItems: 300 });
      const { count } = await database.db
        .selectFrom('transactions')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('ownerId', '=', big.ownerId)
        .executeTakeFirstOrThrow();
      expect(count).toBe(ROWS);
    });
  });
});
