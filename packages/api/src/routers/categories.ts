import { z } from 'zod';
import {
  categorySchema,
  createCategoryInput,
  deleteCategoryInput,
  listCategoriesInput,
  updateCategoryInput,
} from '../schemas/categories.ts';
import * as categories from '../services/ledger/categories.ts';
import { protectedProcedure, router } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });

export const categoriesRouter = router({
  list: protectedProcedure
    .input(listCategoriesInput)
    .output(z.array(categorySchema))
    .query(({ ctx, input }) => categories.list(ctx.actor, input)),
  create: protectedProcedure
    .input(createCategoryInput)
    .output(categorySchema)
    .mutation(({ ctx, input }) => categories.create(ctx.actor, input)),
  update: protectedProcedure
    .input(updateCategoryInput)
    .output(categorySchema)
    .mutation(({ ctx, input }) => categories.update(ctx.actor, input)),
  delete: protectedProcedure
    .input(deleteCategoryInput)
    .output(ok)
    .mutation(({ ctx, input }) => categories.remove(ctx.actor, input)),
});
