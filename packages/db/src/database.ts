import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  passwordHash: string;
  displayName: string;
  currency: string;
  disabledAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** One sign-in: the family of refresh tokens that rotate from it. */
export interface LoginsTable {
  ownerId: string;
  id: Generated<string>;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  lastUsedAt: Generated<Date>;
  revokedAt: NullableTimestamp;
  revokedReason: string | null;
  userAgent: string | null;
  ipAddress: string | null;
}

export interface RefreshTokensTable {
  ownerId: string;
  tokenHash: string;
  loginId: string;
  issuedAt: Generated<Date>;
  expiresAt: Timestamp;
  rotatedAt: NullableTimestamp;
}

export interface RateLimitsTable {
  key: string;
  windowStartedAt: Timestamp;
  hits: number;
}

export interface Database {
  users: UsersTable;
  logins: LoginsTable;
  refreshTokens: RefreshTokensTable;
  rateLimits: RateLimitsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type LoginRow = Selectable<LoginsTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
