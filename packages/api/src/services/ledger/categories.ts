import { sql } from 'kysely';
import type { CategoryRow } from '@budget/db';
import type { Actor } from '../../actor.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import type {
  Category,
  CreateCategoryInput,
  DeleteCategoryInput,
  ListCategoriesInput,
  UpdateCategoryInput,
} from '../../schemas/categories.ts';
import { moveCategoryTotals } from './ledger-changes.ts';
import { assertUnderCap } from '../system/per-user-caps.ts';
import { archivedAtChange, withUniqueName } from './named-rows.ts';

export const categoryColumns = ['id', 'name', 'kind', 'color', 'archivedAt'] as const;

export type CategoryRecord = Pick<CategoryRow, (typeof categoryColumns)[number]>;

export function toCategory(row: CategoryRecord): Category {
  return { ...row, archivedAt: row.archivedAt?.toISOString() ?? null };
}

function nameTaken(name: string) {
  return conflict(`You already have a category of this kind named "${name}"`);
}

export async function list(actor: Actor, input: ListCategoriesInput): Promise<Category[]> {
  let query = actor.db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('ownerId', '=', actor.user.id);
  if (input.kind !== undefined) query = query.where('kind', '=', input.kind);
  if (input.includeArchived !== true) query = query.where('archivedAt', 'is', null);
  const rows = await query
    .orderBy('kind')
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .execute();
  return rows.map(toCategory);
}

export async function create(actor: Actor, input: CreateCategoryInput): Promise<Category> {
  const row = await withUniqueName(input.name, nameTaken, () =>
    actor.db.transaction().execute(async (trx) => {
      await assertUnderCap(trx, actor.user.id, 'categories');
      return trx
        .insertInto('categories')
        .values({
          ownerId: actor.user.id,
          name: input.name,
          kind: input.kind,
          color: input.color ?? null,
        })
        .returning(categoryColumns)
        .executeTakeFirstOrThrow();
    }),
  );
  return toCategory(row);
}

async function byId(actor: Actor, id: string): Promise<Category> {
  const row = await actor.db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('ownerId', '=', actor.user.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('Category');
  return toCategory(row);
}

export async function update(actor: Actor, input: UpdateCategoryInput): Promise<Category> {
  const { id, name, color, archived } = input;
  if (name === undefined && color === undefined && archived === undefined) return byId(actor, id);
  const row = await withUniqueName(name, nameTaken, () =>
    actor.db
      .updateTable('categories')
      .set({
        ...(name === undefined ? {} : { name }),
        ...(color === undefined ? {} : { color }),
        ...archivedAtChange(archived),
        updatedAt: sql<Date>`now()`,
      })
      .where('ownerId', '=', actor.user.id)
      .where('id', '=', id)
      .returning(categoryColumns)
      .executeTakeFirst(),
  );
  if (row === undefined) throw notFound('Category');
  return toCategory(row);
}

/**
 * Deletes a category in one database transaction: its transactions move to `reassignTo` (a
 * category of the same kind) or become uncategorized, its budgets go, then the category itself.
 */
export async function remove(actor: Actor, input: DeleteCategoryInput): Promise<{ ok: true }> {
  const ownerId = actor.user.id;
  const { id, reassignTo } = input;
  await actor.db.transaction().execute(async (trx) => {
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
    // Recurring rules file their future entries where the existing ones went.
    await trx
      .updateTable('recurringRules')
      .set((eb) => ({ categoryId: reassignTo ?? null, version: eb('version', '+', 1) }))
      .where('ownerId', '=', ownerId)
      .where('categoryId', '=', id)
      .execute();
    // Its budgets go with the category row (the foreign key cascades).

    await trx
      .deleteFrom('categories')
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .execute();
  });
  return { ok: true };
}
