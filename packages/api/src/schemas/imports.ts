import { z } from 'zod';
import { dateSchema, isoTimestampSchema, plainText, uuidSchema } from './common.ts';
import { idempotencyKeySchema } from './transactions.ts';

/** The largest CSV text imports.preview and imports.commit accept. */
export const MAX_CSV_LENGTH = 2 * 1024 * 1024;

export const dateFormatSchema = z.enum(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY']);

/** A column by its header name, or by its 0-based position. */
export const csvColumnSchema = z.union([
  z.number().int().min(0).max(999),
  plainText().trim().min(1).max(100),
]);

export const csvMappingSchema = z.strictObject({
  delimiter: z.enum([',', ';', '\t']),
  hasHeader: z.boolean(),
  date: z.strictObject({ column: csvColumnSchema, format: dateFormatSchema }),
  amount: z.union([
    z.strictObject({ column: csvColumnSchema }),
    z.strictObject({ debit: csvColumnSchema, credit: csvColumnSchema }),
  ]),
  decimalSeparator: z.enum(['.', ',']),
  payee: csvColumnSchema.optional(),
  note: csvColumnSchema.optional(),
  category: csvColumnSchema.optional(),
});

const csvSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_CSV_LENGTH, 'must be at most 2 MiB')
  .refine((csv) => !csv.includes('\u0000'), 'must be text, not binary data');

export const previewImportInput = z.strictObject({
  accountId: uuidSchema,
  csv: csvSchema,
  mapping: csvMappingSchema.optional(),
});

export const commitImportInput = z.strictObject({
  accountId: uuidSchema,
  csv: csvSchema,
  mapping: csvMappingSchema,
  idempotencyKey: idempotencyKeySchema.optional(),
});

export const undoImportInput = z.strictObject({ importId: uuidSchema });

export const importRowSchema = z.object({
  line: z.number().int(),
  occurredOn: dateSchema.nullable(),
  amount: z.number().int().nullable(),
  payee: z.string().nullable(),
  note: z.string().nullable(),
  categoryId: uuidSchema.nullable(),
  duplicateOf: uuidSchema.nullable(),
  error: z.string().nullable(),
});

export const importPreviewSchema = z.object({
  mapping: csvMappingSchema,
  rows: z.array(importRowSchema),
  summary: z.object({
    total: z.number().int(),
    new: z.number().int(),
    duplicates: z.number().int(),
    errors: z.number().int(),
  }),
});

export const importResultSchema = z.object({
  /** Null when nothing was new: nothing was written. */
  importId: uuidSchema.nullable(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  errors: z.number().int(),
});

/** One committed import: what it wrote into which account, and when. */
export const importRecordSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  imported: z.number().int(),
  duplicates: z.number().int(),
  errors: z.number().int(),
  createdAt: isoTimestampSchema,
});

export type CsvMapping = z.output<typeof csvMappingSchema>;
export type ImportRecord = z.output<typeof importRecordSchema>;
export type CsvColumn = z.output<typeof csvColumnSchema>;
export type DateFormat = z.output<typeof dateFormatSchema>;
export type ImportRow = z.output<typeof importRowSchema>;
export type ImportPreview = z.output<typeof importPreviewSchema>;
export type ImportResult = z.output<typeof importResultSchema>;
export type PreviewImportInput = z.output<typeof previewImportInput>;
export type CommitImportInput = z.output<typeof commitImportInput>;
