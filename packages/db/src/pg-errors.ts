/** SQLSTATE codes of the errors PostgreSQL (and PGlite) raise for the rules the schema enforces. */
export const PG_ERROR = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  numericValueOutOfRange: '22003',
  notNullViolation: '23502',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  queryCanceled: '57014',
  undefinedTable: '42P01',
} as const;

export type PgErrorCode = (typeof PG_ERROR)[keyof typeof PG_ERROR];

/** The fields of a database error that say what went wrong; null for any other error. */
export interface PgErrorDetails {
  code: string;
  constraint: string | undefined;
  message: string;
}

export function pgErrorDetails(error: unknown): PgErrorDetails | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const { code } = error;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  const constraint =
    'constraint' in error && typeof error.constraint === 'string' ? error.constraint : undefined;
  const message = error instanceof Error ? error.message : '';
  return { code, constraint, message };
}

function hasCode(error: unknown, code: PgErrorCode): boolean {
  return pgErrorDetails(error)?.code === code;
}

export function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, PG_ERROR.uniqueViolation);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return hasCode(error, PG_ERROR.foreignKeyViolation);
}

export function isUndefinedTable(error: unknown): boolean {
  return hasCode(error, PG_ERROR.undefinedTable);
}
