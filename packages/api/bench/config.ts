import { z } from 'zod';

/** The benchmark's one look at the environment. */

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const adminUrlSchema = z
  .string()
  .trim()
  .transform((value) => (value === '' ? DEFAULT_ADMIN_URL : value))
  .pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }));

/**
 * A server where the benchmark may create and drop its own database (DATABASE_URL, else the local
 * PostgreSQL as postgres).
 */
export const adminDatabaseUrl: string = adminUrlSchema.parse(
  process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL,
);

/** `--keep` leaves the database in place for EXPLAIN ANALYZE; by default it is dropped. */
export const keepDatabase: boolean = process.argv.includes('--keep');
