import type { CategoryKind } from '@budget/db';
import { z } from 'zod';
import { isoTimestampSchema, nameSchema, uuidSchema } from './common.ts';

export const categoryKinds = ['income', 'expense'] as const satisfies readonly CategoryKind[];

export const categoryKindSchema = z.enum(categoryKinds);

/** '#rrggbb', stored in lower case. */
export const colorSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, 'expected a color as #rrggbb')
  .transform((color) => color.toLowerCase());

export const listCategoriesInput = z
  .strictObject({
    kind: categoryKindSchema.optional(),
    includeArchived: z.boolean().optional(),
  })
  .optional()
  .transform((input) => input ?? {});

export const createCategoryInput = z.strictObject({
  name: nameSchema,
  kind: categoryKindSchema,
  color: colorSchema.optional(),
});

/** `color: null` clears the color. The kind is fixed: transactions and budgets depend on it. */
export const updateCategoryInput = z.strictObject({
  id: uuidSchema,
  name: nameSchema.optional(),
  color: colorSchema.nullable().optional(),
  archived: z.boolean().optional(),
});

export const deleteCategoryInput = z
  .strictObject({
    id: uuidSchema,
    /** Where its transactions move; without it they become uncategorized. */
    reassignTo: uuidSchema.optional(),
  })
  .refine((input) => input.reassignTo !== input.id, {
    path: ['reassignTo'],
    error: 'must be a different category than the one deleted',
  });

export const categorySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  kind: categoryKindSchema,
  color: z.string().nullable(),
  archivedAt: isoTimestampSchema.nullable(),
});

export type Category = z.output<typeof categorySchema>;
export type ListCategoriesInput = z.output<typeof listCategoriesInput>;
export type CreateCategoryInput = z.output<typeof createCategoryInput>;
export type UpdateCategoryInput = z.output<typeof updateCategoryInput>;
export type DeleteCategoryInput = z.output<typeof deleteCategoryInput>;
