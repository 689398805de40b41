import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '@budget/db';
import type { RateLimitRule } from '../../deps.ts';
import { tooManyRequests } from '../../errors.ts';

/**
 * Counts one hit against `key` in a fixed window kept in PostgreSQL, so every server instance
 * shares the count. Throws TOO_MANY_REQUESTS once the window's limit is spent.
 */
export async function consumeRateLimit(db: Db, key: string, rule: RateLimitRule): Promise<void> {
  const windowExpired = sql<boolean>`rate_limits.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds})`;
  const row = await db
    .insertInto('rateLimits')
    .values({ key, windowStartedAt: sql`now()`, hits: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        hits: sql`case when ${windowExpired} then 1 else rate_limits.hits + 1 end`,
        windowStartedAt: sql`case when ${windowExpired} then now() else rate_limits.window_started_at end`,
      }),
    )
    .returning([
      'hits',
      sql<number>`ceil(extract(epoch from (window_started_at + make_interval(secs => ${rule.windowSeconds}) - now())))::int`.as(
        'secondsLeft',
      ),
    ])
    .executeTakeFirstOrThrow();
  if (row.hits > rule.limit) throw tooManyRequests(Math.max(1, row.secondsLeft));
}

/** Keys hold no raw email addresses. */
export function rateLimitKey(action: string, subject: string): string {
  return `${action}:${createHash('sha256').update(subject).digest('base64url')}`;
}

/**
 * Throws TOO_MANY_REQUESTS when `key`'s window already holds `rule.limit` hits, without
 * counting one: for limits that count only failures (see `consumeRateLimit` to count them).
 */
export async function assertUnderRateLimit(
  db: Db,
  key: string,
  rule: RateLimitRule,
): Promise<void> {
  const row = await db
    .selectFrom('rateLimits')
    .select([
      'hits',
      sql<number>`ceil(extract(epoch from (window_started_at + make_interval(secs => ${rule.windowSeconds}) - now())))::int`.as(
        'secondsLeft',
      ),
    ])
    .where('key', '=', key)
    .where(sql<boolean>`window_started_at > now() - make_interval(secs => ${rule.windowSeconds})`)
    .executeTakeFirst();
  if (row !== undefined && row.hits >= rule.limit) {
    throw tooManyRequests(Math.max(1, row.secondsLeft));
  }
}
