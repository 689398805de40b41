import { TRPCError } from '@trpc/server';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeRateLimit, rateLimitKey } from './rate-limiter.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

describe('consumeRateLimit', () => {
  it('allows `limit` hits in a window, then refuses with TOO_MANY_REQUESTS', async () => {
    const rule = { limit: 3, windowSeconds: 60 };
    const key = rateLimitKey('test', 'fixed-window');
    for (let hit = 0; hit < 3; hit += 1) await consumeRateLimit(testDb.db, key, rule);
    const refused = await consumeRateLimit(testDb.db, key, rule).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    expect((refused as TRPCError).message).toMatch(/try again in \d+ seconds/);
  });

  it('starts counting afresh once the window has passed', async () => {
    const rule = { limit: 1, windowSeconds: 1 };
    const key = rateLimitKey('test', 'short-window');
    await consumeRateLimit(testDb.db, key, rule);
    await expect(consumeRateLimit(testDb.db, key, rule)).rejects.toThrow(TRPCError);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(consumeRateLimit(testDb.db, key, rule)).resolves.toBeUndefined();
  });

  it('counts every one of many concurrent hits exactly once', async () => {
    const rule = { limit: 10, windowSeconds: 60 };
    const key = rateLimitKey('test', 'concurrent');
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () => consumeRateLimit(testDb.db, key, rule)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
  });

  it('stores no raw subject in the key', () => {
    expect(rateLimitKey('login:email', 'ada@example.com')).not.toContain('ada');
  });
});
