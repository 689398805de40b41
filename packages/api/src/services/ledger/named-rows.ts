import { sql, type RawBuilder } from 'kysely';
import { isUniqueViolation } from '@budget/db';

/**
 * Runs a write that sets a user-chosen name; the unique index on the name turns into the
 * caller's own CONFLICT error (`taken`), also when two requests race for one name.
 */
export async function withUniqueName<T>(
  name: string | undefined,
  taken: (name: string) => Error,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw taken(name);
    throw error;
  }
}

/** The `archivedAt` part of an update: archiving keeps the first archivedAt; unarchiving clears it. */
export function archivedAtChange(archived: boolean | undefined): {
  archivedAt?: RawBuilder<Date> | null;
} {
  if (archived === undefined) return {};
  return { archivedAt: archived ? sql<Date>`coalesce(archived_at, now())` : null };
}
