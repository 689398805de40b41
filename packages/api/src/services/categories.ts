import { sql } from 'kysely';
import { isUniqueViolation, type CategoryRow } from '@budget/db';
import type { Context } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type {
  Category,
  CreateCategoryInput,
  DeleteCategoryInput,
  ListCategoriesInput,
  UpdateCategoryInput,
} from '../schemas/categories.ts';
import type { Authenticated } from './authenticate.ts';
import { moveCategoryTotals } from './ledger-changes.ts';

type SignedIn = Context & Authenticated;

const categoryColumns = ['id', 'name', 'kind', 'color', 'archivedAt'] as const;

type CategoryRecord = Pick<CategoryRow, (typeof categoryColumns)[number]>;

function toCategory(row: CategoryRecord): Category {
  return { ...row, archivedAt: row.archivedAt?.toISOString() ?? null };
}

function nameTaken(name: string) {
  return conflict(`You already have a category of this kind named "${name}"`);
}

export async function list(ctx: SignedIn, input: ListCategoriesInput): Promise<Category[]> {
  let query = ctx.deps.db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('ownerId', '=', ctx.user.id);
  if (input.kind !== undefined) query = query.where('kind', '=', input.kind);
  if (input.includeArchived !== true) query = query.where('archivedAt', 'is', null);
  const rows = await query
    .orderBy('kind')
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .execute();
  return rows.map(toCategory);
}

export async function create(ctx: SignedIn, input: CreateCategoryInput): Promise<Category> {
  try {
    const row = await ctx.deps.db
      .insertInto('categories')
      .values({
        ownerId: ctx.user.id,
        name: input.name,
        kind: input.kind,
        color: input.color ?? null,
      })
      .returning(categoryColumns)
      .executeTakeFirstOrThrow();
    return toCategory(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

async function byId(ctx: SignedIn, id: string): Promise<Category> {
  const row = await ctx.deps.db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('ownerId', '=', ctx.user.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('Category');
  return toCategory(row);
}

/** Archiving keeps the first archivedAt; unarchiving clears it. */
export async function update(ctx: SignedIn, input: UpdateCategoryInput): Promise<Category> {
  const { id, name, color, archived } = input;
  if (name === undefined && color === undefined && archived === undefined) return byId(ctx, id);
  try {
    const row = await ctx.deps.db
      .updateTable('categories')
      .set((eb) => ({
        ...(name === undefined ? {} : { name }),
        ...(color === undefined ? {} : { color }),
        ...(archived === undefined
          ? {}
          : { archivedAt: archived ? eb.fn.coalesce('archivedAt', sql<Date>`now()`) : null }),
        updatedAt: sql<Date>`now()`,
      }))
      .where('ownerId', '=', ctx.user.id)
      .where('id', '=', id)
      .returning(categoryColumns)
      .executeTakeFirst();
    if (row === undefined) throw notFound('Category');
    return toCategory(row);
  } catch (error) {
    if (isUniqueViolation(error) && name !== undefined) throw nameTaken(name);
    throw error;
  }
}

/**
 * Deletes a category in one database transaction: its transactions move to `reassignTo` (a
 * category of the same kind) or become uncategorized, its budgets go, then the category itself.
 */
export async function remove(ctx: SignedIn, input: DeleteCategoryInput): Promise<{ ok: true }> {
  const ownerId = ctx.user.id;
  const { id, reassignTo } = input;
  await ctx.deps.db.transaction().execute(async (trx) => {
    // Lock both rows, always in id order, so concurrent deletes cannot deadlock. A transaction
    // written meanwhile either lands before the lock (and is moved) or fails its foreign key.
    const locked = await trx
      .selectFrom('categories')
      .select(['id', 'kind'])
      .where('ownerId', '=', ownerId)
      .where('id', 'in', reassignTo === undefined ? [id] : [id, reassignTo])
      .orderBy('id')
      .forUpdate()
      .execute();
    const category = locked.find((row) => row.id === id);
    if (category === undefined) throw notFound('Category');
    if (reassignTo !== undefined) {
      const target = locked.find((row) => row.id === reassignTo);
      if (target === undefined) throw notFound('Category to reassign to');
      if (target.kind !== category.kind) {
        throw badRequest(`Transactions can only move to another ${category.kind} category`);
      }
    }

    await trx
      .updateTable('transactions')
      .set((eb) => ({
        categoryId: reassignTo ?? null,
        version: eb('version', '+', 1),
        updatedAt: sql<Date>`now()`,
      }))
      .where('ownerId', '=', ownerId)
      .where('categoryId', '=', id)
      .execute();

    await moveCategoryTotals(trx, ownerId, id, reassignTo ?? null);
    // Its budgets go with the category row (the foreign key cascades).

    await trx
      .deleteFrom('categories')
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .execute();
  });
  return { ok: true };
}
