import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root.ts';
import { TEST_PASSWORD, useTestApi } from '../testing/index.ts';

/**
 * Every procedure of the router, found by introspection: a procedure added without an owner
 * check, or without a line here saying how another user would try it, fails this file.
 */
const procedures = Object.keys(appRouter._def.procedures).sort();
const PUBLIC = new Set(['health.check', 'auth.register', 'auth.login', 'auth.refresh']);
const authenticated = procedures.filter((path) => !PUBLIC.has(path));

const api = useTestApi();

type Victim = Awaited<ReturnType<typeof setUpVictim>>;
type Intruder = Awaited<ReturnType<typeof api.signUpWithLedger>>;
type Caller = Intruder['caller'];

/** A user with one of everything: the intruder's target. */
async function setUpVictim() {
  const victim = await api.signUpWithLedger('victim');
  const { caller, checking, savings, food } = victim;
  const expense = await caller.transactions.create({
    accountId: checking.id,
    categoryId: food.id,
    amount: -4_200,
    occurredOn: '2026-11-02',
    payee: 'Victim Grocer',
  });
  const transfer = await caller.transactions.transfer({
    fromAccountId: checking.id,
    toAccountId: savings.id,
    amount: 10_000,
    occurredOn: '2026-11-03',
  });
  const budget = await caller.budgets.create({
    categoryId: food.id,
    amount: 50_000,
    period: 'monthly',
    startsOn: '2026-11-01',
  });
  const rule = await caller.recurring.create({
    accountId: checking.id,
    amount: -90_000,
    payee: 'Victim Rent',
    frequency: 'monthly',
    startsOn: '2027-01-01',
  });
  // Names only the victim has: another user may use them too.
  await caller.accounts.create({ name: 'Holiday Fund', type: 'savings' });
  await caller.categories.create({ name: 'Pets', kind: 'expense' });
  const csv = 'date,amount,payee\n2026-10-01,-12.34,Victim Shop\n';
  const { mapping } = await caller.imports.preview({ accountId: checking.id, csv });
  const imported = await caller.imports.commit({ accountId: checking.id, csv, mapping });
  if (imported.importId === null) throw new Error('the victim import wrote nothing');
  return { ...victim, expense, transfer, budget, rule, importId: imported.importId, csv, mapping };
}

/** Everything of the victim's that any procedure could reveal or change. */
async function snapshotOf(caller: Caller) {
  return {
    me: await caller.auth.me(),
    accounts: await caller.accounts.list({ includeArchived: true }),
    categories: await caller.categories.list({ includeArchived: true }),
    transactions: await caller.transactions.list({ limit: 100 }),
    budgets: await caller.budgets.list(),
    rules: await caller.recurring.list(),
  };
}

type Expectation =
  /** Refused exactly as a record that does not exist. */
  | 'not-found'
  /** Answered, with nothing of the victim's in the answer. */
  | 'nothing-of-theirs'
  /** The procedure only ever acts on the caller: answered or refused, the victim is untouched. */
  | 'self-only';

interface Attack {
  expect: Expectation;
  call(caller: Caller, victim: Victim, intruder: Intruder): Promise<unknown>;
}

const today = '2026-11-15';

/** How another user tries each authenticated procedure against the victim. */
const attacks: Record<string, Attack> = {
  'auth.logout': {
    expect: 'self-only',
    call: (caller, victim) => caller.auth.logout({ refreshToken: victim.session.refreshToken }),
  },
  'auth.logoutAll': { expect: 'self-only', call: (caller) => caller.auth.logoutAll() },
  'auth.me': { expect: 'nothing-of-theirs', call: (caller) => caller.auth.me() },
  'auth.updateProfile': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.auth.updateProfile({ displayName: 'Intruder' }),
  },
  'auth.changePassword': {
    expect: 'self-only',
    call: (caller) =>
      caller.auth.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: 'an entirely new password',
      }),
  },
  'auth.deleteAccount': {
    expect: 'self-only',
    call: (caller) => caller.auth.deleteAccount({ password: TEST_PASSWORD }),
  },
  'accounts.list': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.accounts.list({ includeArchived: true }),
  },
  'accounts.byId': {
    expect: 'not-found',
    call: (caller, victim) => caller.accounts.byId({ id: victim.checking.id }),
  },
  'accounts.create': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.accounts.create({ name: 'Holiday Fund', type: 'savings' }),
  },
  'accounts.update': {
    expect: 'not-found',
    call: (caller, victim) =>
      caller.accounts.update({ id: victim.checking.id, name: 'Hijacked', archived: true }),
  },
  'accounts.delete': {
    expect: 'not-found',
    call: (caller, victim) => caller.accounts.delete({ id: victim.euros.id }),
  },
  'categories.list': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.categories.list({ includeArchived: true }),
  },
  'categories.create': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.categories.create({ name: 'Pets', kind: 'expense' }),
  },
  'categories.update': {
    expect: 'not-found',
    call: (caller, victim) => caller.categories.update({ id: victim.food.id, name: 'Hijacked' }),
  },
  'categories.delete': {
    expect: 'not-found',
    call: (caller, victim) => caller.categories.delete({ id: victim.fun.id }),
  },
  'transactions.list': {
    expect: 'nothing-of-theirs',
    call: (caller, victim) => caller.transactions.list({ accountId: victim.checking.id }),
  },
  'transactions.page': {
    expect: 'nothing-of-theirs',
    call: (caller, victim) => caller.transactions.page({ categoryId: victim.food.id }),
  },
  'transactions.byId': {
    expect: 'not-found',
    call: (caller, victim) => caller.transactions.byId({ id: victim.expense.id }),
  },
  'transactions.create': {
    expect: 'not-found',
    call: (caller, victim) =>
      caller.transactions.create({ accountId: victim.checking.id, amount: -1, occurredOn: today }),
  },
  'transactions.update': {
    expect: 'not-found',
    call: (caller, victim) => caller.transactions.update({ id: victim.expense.id, amount: -1 }),
  },
  'transactions.delete': {
    expect: 'not-found',
    call: (caller, victim) => caller.transactions.delete({ id: victim.transfer.from.id }),
  },
  'transactions.transfer': {
    expect: 'not-found',
    call: (caller, victim, intruder) =>
      caller.transactions.transfer({
        fromAccountId: victim.checking.id,
        toAccountId: intruder.checking.id,
        amount: 1_000,
        occurredOn: today,
      }),
  },
  'budgets.list': { expect: 'nothing-of-theirs', call: (caller) => caller.budgets.list() },
  'budgets.create': {
    expect: 'not-found',
    call: (caller, victim) =>
      caller.budgets.create({ categoryId: victim.fun.id, amount: 100, period: 'monthly' }),
  },
  'budgets.update': {
    expect: 'not-found',
    call: (caller, victim) => caller.budgets.update({ id: victim.budget.id, amount: 1 }),
  },
  'budgets.delete': {
    expect: 'not-found',
    call: (caller, victim) => caller.budgets.delete({ id: victim.budget.id }),
  },
  'budgets.progress': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.budgets.progress({ on: today }),
  },
  'reports.summary': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.reports.summary({ from: '2026-10-01', to: '2026-11-30' }),
  },
  'reports.trend': {
    expect: 'nothing-of-theirs',
    call: (caller) =>
      caller.reports.trend({ from: '2026-10-01', to: '2026-11-30', granularity: 'month' }),
  },
  'recurring.list': { expect: 'nothing-of-theirs', call: (caller) => caller.recurring.list() },
  'recurring.create': {
    expect: 'not-found',
    call: (caller, victim) =>
      caller.recurring.create({
        accountId: victim.checking.id,
        amount: -1,
        frequency: 'daily',
        startsOn: '2027-01-01',
      }),
  },
  'recurring.update': {
    expect: 'not-found',
    call: (caller, victim) => caller.recurring.update({ id: victim.rule.id, amount: -1 }),
  },
  'recurring.delete': {
    expect: 'not-found',
    call: (caller, victim) => caller.recurring.delete({ id: victim.rule.id }),
  },
  'recurring.skip': {
    expect: 'not-found',
    call: (caller, victim) => caller.recurring.skip({ id: victim.rule.id, on: '2027-02-01' }),
  },
  'recurring.upcoming': {
    expect: 'nothing-of-theirs',
    call: (caller) => caller.recurring.upcoming({ from: '2027-01-01', to: '2027-03-01' }),
  },
  'imports.preview': {
    expect: 'not-found',
    call: (caller, victim) =>
      caller.imports.preview({ accountId: victim.checking.id, csv: victim.csv }),
  },
  'imports.commit': {
    expect: 'not-found',
    call: (caller, victim) =>
      caller.imports.commit({
        accountId: victim.checking.id,
        csv: victim.csv,
        mapping: victim.mapping,
      }),
  },
  'imports.undo': {
    expect: 'not-found',
    call: (caller, victim) => caller.imports.undo({ importId: victim.importId }),
  },
};

/** Runs a procedure by its dotted path on a caller, with no input checks of our own. */
function callByPath(caller: unknown, path: string, input?: unknown): Promise<unknown> {
  const procedure = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input?: unknown) => Promise<unknown>)(input);
}

async function outcomeOf(call: Promise<unknown>): Promise<{ result?: unknown; code?: string }> {
  try {
    return { result: await call };
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code };
    throw error;
  }
}

let victim: Victim;
let before: Awaited<ReturnType<typeof snapshotOf>>;
let victimMarks: string[];

beforeAll(async () => {
  victim = await setUpVictim();
  before = await snapshotOf(victim.caller);
  victimMarks = [
    victim.session.user.id,
    victim.email,
    ...before.accounts.map((account) => account.id),
    ...before.categories.map((category) => category.id),
    ...before.transactions.items.map((transaction) => transaction.id),
    ...before.budgets.map((budget) => budget.id),
    ...before.rules.map((rule) => rule.id),
    victim.importId,
  ];
});

describe('the access matrix covers the whole router', () => {
  it('has an attack for every authenticated procedure and nothing else', () => {
    expect(Object.keys(attacks).sort()).toEqual(authenticated);
  });
});

describe('without a token', () => {
  it.each(authenticated)('%s answers UNAUTHORIZED', async (path) => {
    const outcome = await outcomeOf(callByPath(api.anonymous(), path, undefined));
    // Input is checked after the token: nothing is revealed about valid shapes either.
    expect(outcome.code).toBe('UNAUTHORIZED');
  });
});

describe("with another user's ids", () => {
  it.each(authenticated)('%s cannot reach the victim', async (path) => {
    const attack = attacks[path];
    if (attack === undefined) throw new Error(`no attack for ${path}`);
    // A fresh intruder each time: some procedures end or delete the intruder's own session.
    const intruder = await api.signUpWithLedger('intruder');
    const outcome = await outcomeOf(attack.call(intruder.caller, victim, intruder));
    if (attack.expect === 'not-found') {
      expect(outcome.code).toBe('NOT_FOUND');
    } else if (attack.expect === 'nothing-of-theirs') {
      expect(outcome.code).toBeUndefined();
      const answer = JSON.stringify(outcome.result);
      for (const mark of victimMarks) expect(answer).not.toContain(mark);
    }
    expect(await snapshotOf(victim.caller)).toEqual(before);
  });
});
