import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Account } from '../schemas/accounts.ts';
import { invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();

/** Writes a ledger row directly, as the transactions service would. */
async function insertTransaction(ownerId: string, account: Account): Promise<void> {
  await api.db
    .insertInto('transactions')
    .values({
      ownerId,
      accountId: account.id,
      currency: account.currency,
      amount: -1_250,
      occurredOn: '2026-01-15',
    })
    .execute();
}

const MAX = 1_000_000_000_000;

describe('accounts.create', () => {
  it('creates an account whose balance starts at its opening balance', async () => {
    const { caller } = await api.signUp();
    const account = await caller.accounts.create({
      name: '  Everyday  ',
      type: 'checking',
      currency: 'EUR',
      openingBalance: 123_45,
    });
    expect(account).toEqual({
      id: expect.any(String) as string,
      name: 'Everyday',
      type: 'checking',
      currency: 'EUR',
      openingBalance: 123_45,
      balance: 123_45,
      archivedAt: null,
      createdAt: expect.any(String) as string,
      updatedAt: account.createdAt,
    });
    expect(new Date(account.createdAt).toISOString()).toBe(account.createdAt);
  });

  it("defaults the currency to the user's currency and the opening balance to 0", async () => {
    const { caller } = await api.signUp();
    await caller.auth.updateProfile({ currency: 'JPY' });
    const account = await caller.accounts.create({ name: 'Wallet', type: 'cash' });
    expect(account).toMatchObject({ currency: 'JPY', openingBalance: 0, balance: 0 });
  });

  it('accepts opening balances at the ±1e12 limits, negative for debts', async () => {
    const { caller } = await api.signUp();
    const rich = await caller.accounts.create({
      name: 'Max',
      type: 'investment',
      openingBalance: MAX,
    });
    const owing = await caller.accounts.create({ name: 'Min', type: 'loan', openingBalance: -MAX });
    expect([rich.balance, owing.balance]).toEqual([MAX, -MAX]);
  });

  it.each([
    ['a name that is not a string', { name: 42, type: 'cash' }, 'name'],
    ['an empty name', { name: '', type: 'cash' }, 'name'],
    ['a blank name', { name: '   ', type: 'cash' }, 'name'],
    ['a name over 100 characters', { name: 'x'.repeat(101), type: 'cash' }, 'name'],
    ['a missing type', { name: 'A' }, 'type'],
    ['an unknown type', { name: 'A', type: 'bank' }, 'type'],
    ['a lower-case currency', { name: 'A', type: 'cash', currency: 'usd' }, 'currency'],
    ['an unknown currency', { name: 'A', type: 'cash', currency: 'XYZ' }, 'currency'],
    ['a currency that is not a string', { name: 'A', type: 'cash', currency: 840 }, 'currency'],
    [
      'a fractional opening balance',
      { name: 'A', type: 'cash', openingBalance: 1.5 },
      'openingBalance',
    ],
    [
      'an opening balance above 1e12',
      { name: 'A', type: 'cash', openingBalance: MAX + 1 },
      'openingBalance',
    ],
    [
      'an opening balance below -1e12',
      { name: 'A', type: 'cash', openingBalance: -MAX - 1 },
      'openingBalance',
    ],
    [
      'an opening balance as a string',
      { name: 'A', type: 'cash', openingBalance: '100' },
      'openingBalance',
    ],
    ['a balance (unknown key)', { name: 'A', type: 'cash', balance: 5 }, 'balance'],
    ['an ownerId (unknown key)', { name: 'A', type: 'cash', ownerId: randomUUID() }, 'ownerId'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const { caller } = await api.signUp();
    expect(await invalidFields(caller.accounts.create(input as never))).toContain(field);
    expect(await caller.accounts.list({ includeArchived: true })).toEqual([]);
  });

  it('refuses a name the user already has, whatever its case, with CONFLICT', async () => {
    const { caller } = await api.signUp();
    await caller.accounts.create({ name: 'Savings', type: 'savings' });
    await expect(caller.accounts.create({ name: ' SAVINGS ', type: 'cash' })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    expect(await caller.accounts.list()).toHaveLength(1);
  });

  it('lets different users use the same name', async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    await alice.caller.accounts.create({ name: 'Checking', type: 'checking' });
    await expect(
      bob.caller.accounts.create({ name: 'Checking', type: 'checking' }),
    ).resolves.toMatchObject({ name: 'Checking' });
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(
      api.anonymous().accounts.create({ name: 'A', type: 'cash' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('accounts.list', () => {
  it("returns only the caller's open accounts, ordered by name ignoring case", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    for (const name of ['b', 'C', 'a']) {
      await alice.caller.accounts.create({ name, type: 'cash' });
    }
    await bob.caller.accounts.create({ name: 'Bob only', type: 'cash' });
    const archived = await alice.caller.accounts.create({ name: 'Archived', type: 'cash' });
    await alice.caller.accounts.update({ id: archived.id, archived: true });

    const names = (await alice.caller.accounts.list()).map((account) => account.name);
    expect(names).toEqual(['a', 'b', 'C']);
    expect(await alice.caller.accounts.list({ includeArchived: false })).toHaveLength(3);
  });

  it('with includeArchived, lists archived accounts too, after the open ones', async () => {
    const { caller } = await api.signUp();
    const old = await caller.accounts.create({ name: 'Aardvark Bank', type: 'checking' });
    await caller.accounts.create({ name: 'Zebra Bank', type: 'checking' });
    await caller.accounts.update({ id: old.id, archived: true });
    const listed = await caller.accounts.list({ includeArchived: true });
    expect(listed.map((account) => account.name)).toEqual(['Zebra Bank', 'Aardvark Bank']);
    expect(listed[1]?.archivedAt).toEqual(expect.any(String));
  });

  it('reports each balance as stored, in integer minor units', async () => {
    const { caller } = await api.signUp();
    await caller.accounts.create({ name: 'Card', type: 'credit_card', openingBalance: -98_76 });
    expect(await caller.accounts.list()).toMatchObject([
      { openingBalance: -98_76, balance: -98_76 },
    ]);
  });

  it.each([
    ['includeArchived that is not a boolean', { includeArchived: 'yes' }, 'includeArchived'],
    ['an unknown key', { ownerId: randomUUID() }, 'ownerId'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const { caller } = await api.signUp();
    expect(await invalidFields(caller.accounts.list(input as never))).toContain(field);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(api.anonymous().accounts.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('accounts.byId', () => {
  it('returns the account', async () => {
    const { caller } = await api.signUp();
    const created = await caller.accounts.create({ name: 'Brokerage', type: 'investment' });
    expect(await caller.accounts.byId({ id: created.id })).toEqual(created);
  });

  it.each([
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['an id that is not a string', { id: 42 }, 'id'],
    ['an unknown key', { id: randomUUID(), name: 'x' }, 'name'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const { caller } = await api.signUp();
    expect(await invalidFields(caller.accounts.byId(input as never))).toContain(field);
  });

  it("answers NOT_FOUND for an unknown id and for another user's account alike", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const account = await alice.caller.accounts.create({ name: 'Private', type: 'savings' });
    const unknown = bob.caller.accounts.byId({ id: randomUUID() });
    const foreign = bob.caller.accounts.byId({ id: account.id });
    await expect(unknown).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Account not found',
    });
    await expect(foreign).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Account not found',
    });
    expect(await alice.caller.accounts.byId({ id: account.id })).toEqual(account);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(api.anonymous().accounts.byId({ id: randomUUID() })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('accounts.update', () => {
  it('renames and retypes, leaves currency and balances alone, and bumps updatedAt', async () => {
    const { caller, session } = await api.signUp();
    const created = await caller.accounts.create({
      name: 'Old',
      type: 'checking',
      currency: 'GBP',
      openingBalance: 500,
    });
    await api.db
      .updateTable('accounts')
      .set({ updatedAt: new Date('2026-01-01T00:00:00Z') })
      .where('ownerId', '=', session.user.id)
      .where('id', '=', created.id)
      .execute();

    const updated = await caller.accounts.update({ id: created.id, name: 'New', type: 'savings' });
    expect(updated).toEqual({
      ...created,
      name: 'New',
      type: 'savings',
      updatedAt: expect.any(String) as string,
    });
    expect(updated.updatedAt > '2026-01-01T00:00:00.000Z').toBe(true);
  });

  it('may change the case of its own name', async () => {
    const { caller } = await api.signUp();
    const account = await caller.accounts.create({ name: 'visa', type: 'credit_card' });
    expect(await caller.accounts.update({ id: account.id, name: 'VISA' })).toMatchObject({
      name: 'VISA',
    });
  });

  it('archiving sets archivedAt once; unarchiving clears it', async () => {
    const { caller } = await api.signUp();
    const account = await caller.accounts.create({ name: 'Old card', type: 'credit_card' });
    const archived = await caller.accounts.update({ id: account.id, archived: true });
    expect(archived.archivedAt).toEqual(expect.any(String));
    const again = await caller.accounts.update({ id: account.id, archived: true });
    expect(again.archivedAt).toBe(archived.archivedAt);
    const restored = await caller.accounts.update({ id: account.id, archived: false });
    expect(restored.archivedAt).toBeNull();
  });

  it('with nothing to change returns the account as it is', async () => {
    const { caller } = await api.signUp();
    const account = await caller.accounts.create({ name: 'Same', type: 'other' });
    expect(await caller.accounts.update({ id: account.id })).toEqual(account);
  });

  it.each([
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['an empty name', { name: '' }, 'name'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
    ['a name that is not a string', { name: ['x'] }, 'name'],
    ['an unknown type', { type: 'bank' }, 'type'],
    ['archived that is not a boolean', { archived: 'true' }, 'archived'],
    ['a currency (not updatable)', { currency: 'EUR' }, 'currency'],
    ['an opening balance (not updatable)', { openingBalance: 100 }, 'openingBalance'],
    ['a balance (not updatable)', { balance: 100 }, 'balance'],
  ])('refuses %s with BAD_REQUEST and changes nothing', async (_rule, change, field) => {
    const { caller } = await api.signUp();
    const account = await caller.accounts.create({ name: 'Fixed', type: 'cash' });
    const input = { id: account.id, ...change };
    expect(await invalidFields(caller.accounts.update(input as never))).toContain(field);
    expect(await caller.accounts.byId({ id: account.id })).toEqual(account);
  });

  it("refuses another of the user's names, whatever its case, with CONFLICT", async () => {
    const { caller } = await api.signUp();
    await caller.accounts.create({ name: 'Main', type: 'checking' });
    const other = await caller.accounts.create({ name: 'Other', type: 'checking' });
    await expect(caller.accounts.update({ id: other.id, name: 'mAIN' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await caller.accounts.byId({ id: other.id })).toEqual(other);
  });

  it("answers NOT_FOUND for another user's account and leaves it unchanged", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const account = await alice.caller.accounts.create({ name: 'Alice', type: 'cash' });
    await expect(
      bob.caller.accounts.update({ id: account.id, name: 'Stolen', archived: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      bob.caller.accounts.update({ id: randomUUID(), name: 'Ghost' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await alice.caller.accounts.byId({ id: account.id })).toEqual(account);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(
      api.anonymous().accounts.update({ id: randomUUID(), name: 'X' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('accounts.delete', () => {
  it('deletes an account without transactions', async () => {
    const { caller } = await api.signUp();
    const account = await caller.accounts.create({ name: 'Temp', type: 'cash' });
    expect(await caller.accounts.delete({ id: account.id })).toEqual({ ok: true });
    await expect(caller.accounts.byId({ id: account.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses an account with transactions with CONFLICT, suggesting to archive it', async () => {
    const { caller, session } = await api.signUp();
    const account = await caller.accounts.create({ name: 'Used', type: 'checking' });
    await insertTransaction(session.user.id, account);
    await expect(caller.accounts.delete({ id: account.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/archive/) as string,
    });
    expect(await caller.accounts.byId({ id: account.id })).toEqual(account);
  });

  it.each([
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['a missing id', {}, 'id'],
    ['an unknown key', { id: randomUUID(), force: true }, 'force'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const { caller } = await api.signUp();
    expect(await invalidFields(caller.accounts.delete(input as never))).toContain(field);
  });

  it("answers NOT_FOUND for an unknown id and for another user's account, which stays", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const account = await alice.caller.accounts.create({ name: 'Keep', type: 'cash' });
    await expect(bob.caller.accounts.delete({ id: account.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bob.caller.accounts.delete({ id: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await alice.caller.accounts.byId({ id: account.id })).toEqual(account);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(api.anonymous().accounts.delete({ id: randomUUID() })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
