import type { UserRow } from '@budget/db';
import type { User } from '../../schemas/auth.ts';

export type UserRecord = Pick<
  UserRow,
  'id' | 'email' | 'displayName' | 'currency' | 'timeZone' | 'createdAt'
>;

export const userColumns = [
  'users.id',
  'users.email',
  'users.displayName',
  'users.currency',
  'users.timeZone',
  'users.createdAt',
] as const;

export function toUser(row: UserRecord): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    currency: row.currency,
    timeZone: row.timeZone,
    createdAt: row.createdAt.toISOString(),
  };
}
