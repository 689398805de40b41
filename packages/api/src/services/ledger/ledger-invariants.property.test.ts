import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../schemas/transactions.ts';
import { type signUp, useTestApi } from '../../testing/index.ts';

const api = useTestApi();

/** Each run's user gets these accounts: two in USD with different opening balances, one in EUR. */
const accountPlans = [
  { name: 'Checking', type: 'checking', currency: 'USD', openingBalance: 1_000_00 },
  { name: 'Savings', type: 'savings', currency: 'USD', openingBalance: -250_00 },
  { name: 'Travel money', type: 'cash', currency: 'EUR', openingBalance: 75_50 },
] as const;

/** An account by its place in accountPlans. */
type Slot = 0 | 1 | 2;
/** One of two of the user's categories (an expense one, an income one), or uncategorized. */
type CategorySlot = 0 | 1 | null;

/**
 * An update's amount, relative to the target row: a new size with the row's sign kept or flipped,
 * or 0, which is refused.
 */
type NewAmount = { magnitude: number; flip: boolean } | 0;

/** Which live transaction an update or delete targets: the n-th of all, or of transfer sides only. */
interface Pick {
  index: number;
  transferSide: boolean;
}

type Op =
  | {
      type: 'create';
      slot: Slot;
      category: CategorySlot;
      amount: number;
      day: number;
      keyed: boolean;
    }
  | { type: 'replay'; pick: number }
  | {
      type: 'update';
      pick: Pick;
      slot?: Slot;
      category?: CategorySlot;
      amount?: NewAmount;
      day?: number;
    }
  | { type: 'delete'; pick: Pick }
  | { type: 'transfer'; from: Slot; to: Slot; amount: number; day: number };

const slotArb = fc.constantFrom<Slot>(0, 1, 2);
const categoryArb = fc.constantFrom<CategorySlot>(0, 1, null);
const dayArb = fc.integer({ min: 1, max: 9 });
const positiveArb = fc.integer({ min: 1, max: 1_000_000 });
const nonZeroArb = fc.oneof(
  positiveArb,
  positiveArb.map((amount) => -amount),
);
const indexArb = fc.nat({ max: 1_000 });
/** True one time in `n`. */
const oneIn = (n: number) =>
  fc.oneof(
    { weight: n - 1, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  );
const pickArb: fc.Arbitrary<Pick> = fc.record({ index: indexArb, transferSide: oneIn(4) });
/** Mostly the two USD accounts, so transfers often succeed; any pair sometimes, to be refused. */
const transferPairArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<[Slot, Slot]>([0, 1], [1, 0]) },
  { weight: 2, arbitrary: fc.tuple(slotArb, slotArb) },
);

const newAmountArb: fc.Arbitrary<NewAmount> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ magnitude: positiveArb, flip: oneIn(4) }) },
  { weight: 1, arbitrary: fc.constant(0 as const) },
);
/** Half the updates change one field alone (the common edit); the rest any combination. */
const updateArb: fc.Arbitrary<Extract<Op, { type: 'update' }>> = fc.oneof(
  fc.record(
    {
      type: fc.constant('update' as const),
      pick: pickArb,
      slot: slotArb,
      category: categoryArb,
      amount: newAmountArb,
      day: dayArb,
    },
    { requiredKeys: ['type', 'pick'] },
  ),
  fc.oneof(
    fc.record({ type: fc.constant('update' as const), pick: pickArb, slot: slotArb }),
    fc.record({ type: fc.constant('update' as const), pick: pickArb, category: categoryArb }),
    fc.record({ type: fc.constant('update' as const), pick: pickArb, amount: newAmountArb }),
    fc.record({ type: fc.constant('update' as const), pick: pickArb, day: dayArb }),
  ),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('create' as const),
      slot: slotArb,
      category: categoryArb,
      amount: nonZeroArb,
      day: dayArb,
      keyed: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('replay' as const), pick: indexArb }) },
  { weight: 5, arbitrary: updateArb },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), pick: pickArb }) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        type: fc.constant('transfer' as const),
        pair: transferPairArb,
        amount: positiveArb,
        day: dayArb,
      })
      .map(({ pair: [from, to], ...rest }) => ({ ...rest, from, to })),
  },
);

const dateOf = (day: number): string => `2026-03-0${day}`;

interface ModelRow {
  slot: Slot;
  category: CategorySlot;
  amount: number;
  occurredOn: string;
  transferId: string | null;
}

type Caller = Awaited<ReturnType<typeof signUp>>['caller'];
type CreateInput = Parameters<Caller['transactions']['create']>[0];

/** One user's ledger as the rules say it must be, next to the real one behind the API. */
class LedgerRun {
  readonly rows = new Map<string, ModelRow>();
  readonly keyedCreates: { input: CreateInput; id: string }[] = [];

  private constructor(
    readonly caller: Caller,
    readonly ownerId: string,
    readonly accountIds: readonly [string, string, string],
    readonly categoryIds: readonly [string, string],
  ) {}

  static async start(): Promise<LedgerRun> {
    const { caller, session } = await api.signUp('ledger');
    const ids: string[] = [];
    for (const plan of accountPlans) ids.push((await caller.accounts.create(plan)).id);
    const [a, b, c] = ids;
    const expense = await caller.categories.create({ name: 'Ledger expense', kind: 'expense' });
    const income = await caller.categories.create({ name: 'Ledger income', kind: 'income' });
    if (a === undefined || b === undefined || c === undefined) throw new Error('accounts missing');
    return new LedgerRun(caller, session.user.id, [a, b, c], [expense.id, income.id]);
  }

  slotOf(accountId: string): Slot {
    const slot = this.accountIds.indexOf(accountId);
    if (slot !== 0 && slot !== 1 && slot !== 2) throw new Error(`unknown account ${accountId}`);
    return slot;
  }

  categorySlotOf(categoryId: string | null): CategorySlot {
    if (categoryId === null) return null;
    const slot = this.categoryIds.indexOf(categoryId);
    if (slot !== 0 && slot !== 1) throw new Error(`unknown category ${categoryId}`);
    return slot;
  }

  categoryIdOf(slot: CategorySlot): string | null {
    return slot === null ? null : this.categoryIds[slot];
  }

  /** The picked live transaction (in creation order), or undefined when there is none to pick. */
  target(pick: Pick): [string, ModelRow] | undefined {
    const entries = [...this.rows].filter(
      ([, row]) => !pick.transferSide || row.transferId !== null,
    );
    return entries[pick.index % Math.max(entries.length, 1)];
  }

  partnerOf(id: string, row: ModelRow): [string, ModelRow] | undefined {
    if (row.transferId === null) return undefined;
    return [...this.rows].find(
      ([otherId, other]) => otherId !== id && other.transferId === row.transferId,
    );
  }

  remember(transaction: Transaction): void {
    this.rows.set(transaction.id, {
      slot: this.slotOf(transaction.accountId),
      category: this.categorySlotOf(transaction.categoryId),
      amount: transaction.amount,
      occurredOn: transaction.occurredOn,
      transferId: transaction.transferId,
    });
  }

  async apply(op: Op, index: number): Promise<void> {
    const { transactions } = this.caller;
    switch (op.type) {
      case 'create': {
        const input: CreateInput = {
          accountId: this.accountIds[op.slot],
          categoryId: this.categoryIdOf(op.category),
          amount: op.amount,
          occurredOn: dateOf(op.day),
          ...(op.keyed ? { idempotencyKey: `op-${index}` } : {}),
        };
        const created = await transactions.create(input);
        this.remember(created);
        if (op.keyed) this.keyedCreates.push({ input, id: created.id });
        return;
      }
      case 'replay': {
        const earlier = this.keyedCreates[op.pick % Math.max(this.keyedCreates.length, 1)];
        if (earlier === undefined) return;
        // A retry returns the first result and writes nothing, even if that row changed since.
        await this.expectUnchanged(async () => {
          expect((await transactions.create(earlier.input)).id).toBe(earlier.id);
        });
        return;
      }
      case 'update': {
        const target = this.target(op.pick);
        if (target === undefined) return;
        const [id, row] = target;
        const partner = this.partnerOf(id, row);
        const slot = op.slot ?? row.slot;
        const moves = slot !== row.slot;
        const amount =
          op.amount === undefined || op.amount === 0
            ? op.amount
            : Math.sign(row.amount) * (op.amount.flip ? -1 : 1) * op.amount.magnitude;
        const refused =
          amount === 0 ||
          (moves && accountPlans[slot].currency !== accountPlans[row.slot].currency) ||
          (moves && partner?.[1].slot === slot) ||
          (partner !== undefined && op.category !== undefined && op.category !== null);
        const call = () =>
          transactions.update({
            id,
            ...(op.slot === undefined ? {} : { accountId: this.accountIds[op.slot] }),
            ...(op.category === undefined ? {} : { categoryId: this.categoryIdOf(op.category) }),
            ...(amount === undefined ? {} : { amount }),
            ...(op.day === undefined ? {} : { occurredOn: dateOf(op.day) }),
          });
        if (refused) {
          await this.expectRefused(call);
          return;
        }
        const updated = await call();
        const next: ModelRow = {
          slot,
          category: op.category === undefined ? row.category : op.category,
          amount: amount ?? row.amount,
          occurredOn: op.day === undefined ? row.occurredOn : dateOf(op.day),
          transferId: row.transferId,
        };
        expect(updated).toMatchObject({
          id,
          accountId: this.accountIds[next.slot],
          categoryId: this.categoryIdOf(next.category),
          amount: next.amount,
          occurredOn: next.occurredOn,
        });
        this.rows.set(id, next);
        if (partner !== undefined) {
          const [partnerId, partnerRow] = partner;
          this.rows.set(partnerId, {
            ...partnerRow,
            amount: -next.amount,
            occurredOn: next.occurredOn,
          });
        }
        return;
      }
      case 'delete': {
        const target = this.target(op.pick);
        if (target === undefined) return;
        const [id, row] = target;
        const partner = this.partnerOf(id, row);
        expect(await transactions.delete({ id })).toEqual({ ok: true });
        this.rows.delete(id);
        if (partner !== undefined) this.rows.delete(partner[0]);
        return;
      }
      case 'transfer': {
        const call = () =>
          transactions.transfer({
            fromAccountId: this.accountIds[op.from],
            toAccountId: this.accountIds[op.to],
            amount: op.amount,
            occurredOn: dateOf(op.day),
          });
        if (op.from === op.to || accountPlans[op.from].currency !== accountPlans[op.to].currency) {
          await this.expectRefused(call);
          return;
        }
        const { from, to } = await call();
        this.remember(from);
        this.remember(to);
        return;
      }
    }
  }

  /** Everything a ledger write could touch, as stored. */
  async snapshot() {
    const { db } = api;
    const [transactions, accounts, dailyTotals] = await Promise.all([
      db
        .selectFrom('transactions')
        .selectAll()
        .where('ownerId', '=', this.ownerId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('accounts')
        .selectAll()
        .where('ownerId', '=', this.ownerId)
        .orderBy('id')
        .execute(),
      this.storedDailyTotals(),
    ]);
    return { transactions, accounts, dailyTotals };
  }

  async expectUnchanged(work: () => Promise<void>): Promise<void> {
    const before = await this.snapshot();
    await work();
    expect(await this.snapshot()).toEqual(before);
  }

  async expectRefused(call: () => Promise<unknown>): Promise<void> {
    await this.expectUnchanged(async () => {
      await expect(call()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  }

  storedDailyTotals() {
    return api.db
      .selectFrom('ledgerDailyTotals')
      .select([
        'currency',
        'categoryKey',
        'occurredOn',
        'inflow',
        'outflow',
        'inflowEntries',
        'outflowEntries',
      ])
      .where('ownerId', '=', this.ownerId)
      .orderBy('currency')
      .orderBy('categoryKey')
      .orderBy('occurredOn')
      .execute();
  }

  /** The daily totals recomputed from the ledger: transfers excluded, uncategorized as nil UUID. */
  ledgerDailyTotals() {
    return api.db
      .selectFrom('transactions')
      .select([
        'currency',
        sql<string>`coalesce(category_id, '00000000-0000-0000-0000-000000000000'::uuid)`.as(
          'categoryKey',
        ),
        'occurredOn',
        sql<number>`coalesce(sum(amount) filter (where amount > 0), 0)::bigint`.as('inflow'),
        sql<number>`coalesce(sum(amount) filter (where amount < 0), 0)::bigint`.as('outflow'),
        sql<number>`(count(*) filter (where amount > 0))::int`.as('inflowEntries'),
        sql<number>`(count(*) filter (where amount < 0))::int`.as('outflowEntries'),
      ])
      .where('ownerId', '=', this.ownerId)
      .where('transferId', 'is', null)
      .groupBy(['currency', 'categoryId', 'occurredOn'])
      .orderBy('currency')
      .orderBy('categoryKey')
      .orderBy('occurredOn')
      .execute();
  }

  async checkInvariants(): Promise<void> {
    const { db } = api;
    const stored = await db
      .selectFrom('transactions')
      .select(['id', 'accountId', 'categoryId', 'currency', 'amount', 'occurredOn', 'transferId'])
      .where('ownerId', '=', this.ownerId)
      .execute();

    // The ledger holds exactly the rows the operations should have left.
    const actual = new Map(
      stored.map((row) => [
        row.id,
        {
          slot: this.slotOf(row.accountId),
          category: this.categorySlotOf(row.categoryId),
          amount: row.amount,
          occurredOn: row.occurredOn,
          transferId: row.transferId,
        },
      ]),
    );
    expect(actual).toEqual(this.rows);

    // balance = openingBalance + sum of the account's transactions, summed by the database.
    const sums = await db
      .selectFrom('transactions')
      .select(['accountId', sql<number>`sum(amount)::bigint`.as('total')])
      .where('ownerId', '=', this.ownerId)
      .groupBy('accountId')
      .execute();
    const totals = new Map(sums.map((row) => [row.accountId, row.total]));
    const accounts = await this.caller.accounts.list();
    expect(accounts).toHaveLength(accountPlans.length);
    for (const account of accounts) {
      const plan = accountPlans[this.slotOf(account.id)];
      expect(account.openingBalance).toBe(plan.openingBalance);
      expect({ account: account.name, balance: account.balance }).toEqual({
        account: account.name,
        balance: plan.openingBalance + (totals.get(account.id) ?? 0),
      });
    }

    // A transfer is exactly two rows in two accounts of one currency, summing to zero, on one date.
    const transfers = new Map<string, typeof stored>();
    for (const row of stored) {
      if (row.transferId === null) continue;
      transfers.set(row.transferId, [...(transfers.get(row.transferId) ?? []), row]);
    }
    for (const [transferId, sides] of transfers) {
      expect(sides, `transfer ${transferId}`).toHaveLength(2);
      const [first, second] = sides;
      expect(first?.amount).toBe(-(second?.amount ?? 0));
      expect(first?.occurredOn).toBe(second?.occurredOn);
      expect(first?.currency).toBe(second?.currency);
      expect(first?.accountId).not.toBe(second?.accountId);
      expect([first?.categoryId, second?.categoryId]).toEqual([null, null]);
    }

    // The stored daily totals (what reports and budgets read) match the ledger they summarise.
    expect(await this.storedDailyTotals()).toEqual(await this.ledgerDailyTotals());
  }
}

describe('ledger invariants', () => {
  it('keeps balances, transfer pairs and daily totals in step with the ledger through any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 30, size: 'max' }),
        async (ops) => {
          const run = await LedgerRun.start();
          for (const [index, op] of ops.entries()) {
            await run.apply(op, index);
            await run.checkInvariants();
          }
        },
      ),
      // Shrinking a failure replays whole sequences; the time limit keeps a red run bounded.
      { numRuns: 25, plugins: [fc.interruptAfterTimeLimit(60_000)] },
    );
  }, 180_000);

  it('moves the other account by the change only, when one side of a transfer is updated', async () => {
    const run = await LedgerRun.start();
    const { from } = await run.caller.transactions.transfer({
      fromAccountId: run.accountIds[0],
      toAccountId: run.accountIds[1],
      amount: 100_00,
      occurredOn: '2026-03-01',
    });
    await run.caller.transactions.update({ id: from.id, occurredOn: '2026-03-02' });
    await run.caller.transactions.update({ id: from.id, amount: -150_00 });

    const balances = Object.fromEntries(
      (await run.caller.accounts.list()).map((account) => [account.id, account.balance]),
    );
    expect(balances[run.accountIds[0]]).toBe(accountPlans[0].openingBalance - 150_00);
    expect(balances[run.accountIds[1]]).toBe(accountPlans[1].openingBalance + 150_00);
  });

  it("updates the day's totals when only an amount changes (same day, category and sign)", async () => {
    const run = await LedgerRun.start();
    const expense = await run.caller.transactions.create({
      accountId: run.accountIds[0],
      categoryId: run.categoryIds[0],
      amount: -100_00,
      occurredOn: '2026-03-01',
    });
    await run.caller.transactions.update({ id: expense.id, amount: -150_00 });

    expect(await run.storedDailyTotals()).toEqual([
      {
        currency: 'USD',
        categoryKey: run.categoryIds[0],
        occurredOn: '2026-03-01',
        inflow: 0,
        outflow: -150_00,
        inflowEntries: 0,
        outflowEntries: 1,
      },
    ]);
  });
});
