import {
  commitImportInput,
  importPreviewSchema,
  importResultSchema,
  previewImportInput,
  undoImportInput,
} from '../schemas/imports.ts';
import { z } from 'zod';
import * as csvImport from '../services/ledger/csv-import.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const importsRouter = router({
  preview: protectedProcedure
    .input(previewImportInput)
    .output(importPreviewSchema)
    .mutation(({ ctx, input }) => csvImport.preview(ctx.actor, input)),
  commit: protectedProcedure
    .input(commitImportInput)
    .output(importResultSchema)
    .mutation(({ ctx, input }) => csvImport.commit(ctx.actor, input)),
  undo: protectedProcedure
    .input(undoImportInput)
    .output(z.object({ removed: z.number().int() }))
    .mutation(({ ctx, input }) => csvImport.undo(ctx.actor, input)),
});
