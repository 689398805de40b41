import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Category } from '../schemas/categories.ts';
import { defaultCategories } from '../services/ledger/default-categories.ts';
import { invalidFields, type signUp, useTestApi } from '../testing/index.ts';

const api = useTestApi();

const LONG_AGO = new Date('2026-01-01T00:00:00Z');

type User = Awaited<ReturnType<typeof signUp>>;

/** Gives the user an account with one transaction in `category`, last updated LONG_AGO. */
async function spendIn(user: User, category: Category): Promise<string> {
  const account = await user.caller.accounts.create({ name: randomUUID(), type: 'cash' });
  const row = await api.db
    .insertInto('transactions')
    .values({
      ownerId: user.session.user.id,
      accountId: account.id,
      currency: account.currency,
      categoryId: category.id,
      amount: category.kind === 'income' ? 10_000 : -2_500,
      occurredOn: '2026-02-03',
      updatedAt: LONG_AGO,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function transactionRow(user: User, id: string) {
  return api.db
    .selectFrom('transactions')
    .select(['categoryId', 'version', 'updatedAt'])
    .where('ownerId', '=', user.session.user.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function allCategories(user: User): Promise<Category[]> {
  return user.caller.categories.list({ includeArchived: true });
}

async function named(user: User, kind: Category['kind'], name: string): Promise<Category> {
  const found = (await user.caller.categories.list({ kind })).find((c) => c.name === name);
  if (found === undefined) throw new Error(`No ${kind} category ${name}`);
  return found;
}

describe('default categories', () => {
  it('a new user starts with the default expense and income categories, with colors', async () => {
    const user = await api.signUp();
    const listed = await allCategories(user);
    const shape = ({ name, kind, color }: Category) => ({ name, kind, color });
    expect(listed.map(shape)).toEqual(expect.arrayContaining([...defaultCategories]));
    expect(listed).toHaveLength(defaultCategories.length);
    expect(listed.every((c) => c.archivedAt === null && /^#[0-9a-f]{6}$/.test(c.color ?? ''))).toBe(
      true,
    );
    expect(new Set(listed.map((c) => c.kind))).toEqual(new Set(['income', 'expense']));
  });

  it('every user gets their own copy', async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const aliceIds = new Set((await allCategories(alice)).map((c) => c.id));
    const bobIds = (await allCategories(bob)).map((c) => c.id);
    expect(bobIds).toHaveLength(defaultCategories.length);
    expect(bobIds.filter((id) => aliceIds.has(id))).toEqual([]);
  });
});

describe('categories.list', () => {
  it('orders by kind, then name ignoring case, and filters by kind', async () => {
    const user = await api.signUp();
    await user.caller.categories.create({ name: 'aaa', kind: 'expense' });
    const listed = await user.caller.categories.list();
    const keys = listed.map((c) => `${c.kind}:${c.name.toLowerCase()}`);
    expect(keys).toEqual([...keys].sort());
    expect(listed[0]).toMatchObject({ kind: 'expense', name: 'aaa' });

    const income = await user.caller.categories.list({ kind: 'income' });
    expect(income.length).toBeGreaterThan(0);
    expect(income.every((c) => c.kind === 'income')).toBe(true);
  });

  it('hides archived categories unless includeArchived', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    await user.caller.categories.update({ id: dining.id, archived: true });
    expect((await user.caller.categories.list()).map((c) => c.id)).not.toContain(dining.id);
    const all = await user.caller.categories.list({ kind: 'expense', includeArchived: true });
    expect(all.find((c) => c.id === dining.id)?.archivedAt).toEqual(expect.any(String));
  });

  it("never shows another user's categories", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const secret = await alice.caller.categories.create({ name: 'Secret', kind: 'expense' });
    expect((await allCategories(bob)).map((c) => c.id)).not.toContain(secret.id);
  });

  it.each([
    ['an unknown kind', { kind: 'transfer' }, 'kind'],
    ['includeArchived that is not a boolean', { includeArchived: 1 }, 'includeArchived'],
    ['an unknown key', { ownerId: randomUUID() }, 'ownerId'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const { caller } = await api.signUp();
    expect(await invalidFields(caller.categories.list(input as never))).toContain(field);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(api.anonymous().categories.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('categories.create', () => {
  it('creates a category, storing its color in lower case', async () => {
    const user = await api.signUp();
    const pets = await user.caller.categories.create({
      name: ' Pets ',
      kind: 'expense',
      color: '#A1B2C3',
    });
    expect(pets).toEqual({
      id: expect.any(String) as string,
      name: 'Pets',
      kind: 'expense',
      color: '#a1b2c3',
      archivedAt: null,
    });
    expect(await allCategories(user)).toContainEqual(pets);
  });

  it('a color is optional', async () => {
    const { caller } = await api.signUp();
    const bonus = await caller.categories.create({ name: 'Bonus', kind: 'income' });
    expect(bonus.color).toBeNull();
  });

  it.each([
    ['a name that is not a string', { name: 5, kind: 'expense' }, 'name'],
    ['an empty name', { name: '', kind: 'expense' }, 'name'],
    ['a blank name', { name: '  ', kind: 'expense' }, 'name'],
    ['a name over 100 characters', { name: 'x'.repeat(101), kind: 'expense' }, 'name'],
    ['a missing kind', { name: 'A' }, 'kind'],
    ['an unknown kind', { name: 'A', kind: 'transfer' }, 'kind'],
    ['a color name', { name: 'A', kind: 'expense', color: 'red' }, 'color'],
    ['a short color', { name: 'A', kind: 'expense', color: '#fff' }, 'color'],
    ['a color that is not hex', { name: 'A', kind: 'expense', color: '#12345g' }, 'color'],
    ['a color without #', { name: 'A', kind: 'expense', color: 'a1b2c3' }, 'color'],
    ['an archivedAt (unknown key)', { name: 'A', kind: 'expense', archivedAt: null }, 'archivedAt'],
    ['an ownerId (unknown key)', { name: 'A', kind: 'expense', ownerId: randomUUID() }, 'ownerId'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const user = await api.signUp();
    expect(await invalidFields(user.caller.categories.create(input as never))).toContain(field);
    expect(await allCategories(user)).toHaveLength(defaultCategories.length);
  });

  it('refuses a name the user already has for that kind, whatever its case, with CONFLICT', async () => {
    const { caller } = await api.signUp();
    await expect(
      caller.categories.create({ name: 'GROCERIES', kind: 'expense' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('allows the same name in the other kind and for other users', async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    await alice.caller.categories.create({ name: 'Side hustle', kind: 'income' });
    await expect(
      alice.caller.categories.create({ name: 'Side hustle', kind: 'expense' }),
    ).resolves.toMatchObject({ kind: 'expense' });
    await expect(
      bob.caller.categories.create({ name: 'Side hustle', kind: 'income' }),
    ).resolves.toMatchObject({ kind: 'income' });
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(
      api.anonymous().categories.create({ name: 'A', kind: 'expense' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('categories.update', () => {
  it('renames and recolors; color null clears it', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    const renamed = await user.caller.categories.update({
      id: dining.id,
      name: 'Eating out',
      color: '#ABCDEF',
    });
    expect(renamed).toEqual({ ...dining, name: 'Eating out', color: '#abcdef' });
    const plain = await user.caller.categories.update({ id: dining.id, color: null });
    expect(plain).toEqual({ ...renamed, color: null });
  });

  it('archiving sets archivedAt once; unarchiving clears it', async () => {
    const user = await api.signUp();
    const travel = await named(user, 'expense', 'Travel');
    const archived = await user.caller.categories.update({ id: travel.id, archived: true });
    expect(archived.archivedAt).toEqual(expect.any(String));
    const again = await user.caller.categories.update({ id: travel.id, archived: true });
    expect(again.archivedAt).toBe(archived.archivedAt);
    const restored = await user.caller.categories.update({ id: travel.id, archived: false });
    expect(restored).toEqual(travel);
  });

  it('with nothing to change returns the category as it is', async () => {
    const user = await api.signUp();
    const salary = await named(user, 'income', 'Salary');
    expect(await user.caller.categories.update({ id: salary.id })).toEqual(salary);
  });

  it.each([
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['an empty name', { name: '' }, 'name'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
    ['a bad color', { color: '#12' }, 'color'],
    ['a color that is not a string', { color: 123456 }, 'color'],
    ['archived that is not a boolean', { archived: 'no' }, 'archived'],
    ['a kind (not updatable)', { kind: 'income' }, 'kind'],
  ])('refuses %s with BAD_REQUEST and changes nothing', async (_rule, change, field) => {
    const user = await api.signUp();
    const health = await named(user, 'expense', 'Health');
    const input = { id: health.id, ...change };
    expect(await invalidFields(user.caller.categories.update(input as never))).toContain(field);
    expect(await named(user, 'expense', 'Health')).toEqual(health);
  });

  it('refuses a name taken in the same kind, whatever its case, with CONFLICT', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    await expect(
      user.caller.categories.update({ id: dining.id, name: 'groceries' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      user.caller.categories.update({ id: dining.id, name: 'Salary' }),
    ).resolves.toMatchObject({ name: 'Salary', kind: 'expense' });
  });

  it("answers NOT_FOUND for another user's category and leaves it unchanged", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const before = await allCategories(alice);
    const target = before[0];
    if (target === undefined) throw new Error('no categories');
    await expect(
      bob.caller.categories.update({ id: target.id, name: 'Mine', archived: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      bob.caller.categories.update({ id: randomUUID(), name: 'Ghost' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await allCategories(alice)).toEqual(before);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(
      api.anonymous().categories.update({ id: randomUUID(), name: 'X' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('categories.delete', () => {
  it('without reassignTo, deletes it and leaves its transactions uncategorized (version bumped)', async () => {
    const user = await api.signUp();
    const gifts = await named(user, 'expense', 'Gifts');
    const txId = await spendIn(user, gifts);
    const before = await transactionRow(user, txId);

    expect(await user.caller.categories.delete({ id: gifts.id })).toEqual({ ok: true });
    expect((await allCategories(user)).map((c) => c.id)).not.toContain(gifts.id);
    const after = await transactionRow(user, txId);
    expect(after.categoryId).toBeNull();
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
  });

  it('with reassignTo, moves its transactions to that category of the same kind', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    const groceries = await named(user, 'expense', 'Groceries');
    const txId = await spendIn(user, dining);
    const untouchedId = await spendIn(user, groceries);
    const before = await transactionRow(user, txId);

    await user.caller.categories.delete({ id: dining.id, reassignTo: groceries.id });
    const after = await transactionRow(user, txId);
    expect(after).toMatchObject({ categoryId: groceries.id, version: before.version + 1 });
    expect(after.updatedAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect(await transactionRow(user, untouchedId)).toMatchObject({ version: 1 });
    expect((await allCategories(user)).map((c) => c.id)).not.toContain(dining.id);
  });

  it('moves its recurring rules along: to reassignTo, or uncategorized without it', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    const groceries = await named(user, 'expense', 'Groceries');
    const gifts = await named(user, 'expense', 'Gifts');
    const account = await user.caller.accounts.create({ name: 'Rules', type: 'checking' });
    const ruleIn = (categoryId: string) =>
      user.caller.recurring.create({
        accountId: account.id,
        categoryId,
        amount: -1_500,
        frequency: 'monthly',
        startsOn: '2999-01-01',
      });
    const diningRule = await ruleIn(dining.id);
    const giftsRule = await ruleIn(gifts.id);

    await user.caller.categories.delete({ id: dining.id, reassignTo: groceries.id });
    await user.caller.categories.delete({ id: gifts.id });
    const rules = await user.caller.recurring.list();
    expect(rules.find((rule) => rule.id === diningRule.id)).toMatchObject({
      categoryId: groceries.id,
      version: diningRule.version + 1,
    });
    expect(rules.find((rule) => rule.id === giftsRule.id)).toMatchObject({ categoryId: null });
  });

  it('refuses to move transactions to a category of the other kind (BAD_REQUEST)', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    const salary = await named(user, 'income', 'Salary');
    const txId = await spendIn(user, dining);
    await expect(
      user.caller.categories.delete({ id: dining.id, reassignTo: salary.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await transactionRow(user, txId)).toMatchObject({ categoryId: dining.id, version: 1 });
    expect(await allCategories(user)).toContainEqual(dining);
  });

  it('refuses to move transactions to the category being deleted (BAD_REQUEST)', async () => {
    const user = await api.signUp();
    const dining = await named(user, 'expense', 'Dining');
    const input = { id: dining.id, reassignTo: dining.id };
    expect(await invalidFields(user.caller.categories.delete(input))).toContain('reassignTo');
    expect(await allCategories(user)).toContainEqual(dining);
  });

  it("answers NOT_FOUND for reassignTo naming another user's or an unknown category", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const aliceDining = await named(alice, 'expense', 'Dining');
    const bobDining = await named(bob, 'expense', 'Dining');
    const txId = await spendIn(alice, aliceDining);
    const bobBefore = await allCategories(bob);

    for (const reassignTo of [bobDining.id, randomUUID()]) {
      await expect(
        alice.caller.categories.delete({ id: aliceDining.id, reassignTo }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await transactionRow(alice, txId)).toMatchObject({ categoryId: aliceDining.id });
    expect(await allCategories(alice)).toContainEqual(aliceDining);
    expect(await allCategories(bob)).toEqual(bobBefore);
  });

  it("answers NOT_FOUND for another user's category, which keeps its transactions", async () => {
    const alice = await api.signUp('alice');
    const bob = await api.signUp('bob');
    const travel = await named(alice, 'expense', 'Travel');
    const txId = await spendIn(alice, travel);
    const before = await allCategories(alice);
    await expect(bob.caller.categories.delete({ id: travel.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bob.caller.categories.delete({ id: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await allCategories(alice)).toEqual(before);
    expect(await transactionRow(alice, txId)).toMatchObject({ categoryId: travel.id, version: 1 });
  });

  it.each([
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['a missing id', {}, 'id'],
    ['a reassignTo that is not a UUID', { id: randomUUID(), reassignTo: 'other' }, 'reassignTo'],
    ['an unknown key', { id: randomUUID(), cascade: true }, 'cascade'],
  ])('refuses %s with BAD_REQUEST', async (_rule, input, field) => {
    const { caller } = await api.signUp();
    expect(await invalidFields(caller.categories.delete(input as never))).toContain(field);
  });

  it('requires a token (UNAUTHORIZED)', async () => {
    await expect(api.anonymous().categories.delete({ id: randomUUID() })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
