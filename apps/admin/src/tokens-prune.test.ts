import { callerFor, createTestDeps, signUp } from '@budget/api/testing';
import type { Db } from '@budget/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, migratedDatabase, runAdmin, type Target } from './testing/run-admin.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

/** Rows on both sides of every line tokens:prune draws, named by what should become of them. */
async function plantRows(db: Db, ownerId: string) {
  const login = (name: string, values: { expiresAt: Date; revokedAt?: Date }) =>
    db
      .insertInto('logins')
      .values({ ownerId, ipAddress: name, ...values })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((row) => row.id);
  const live = await login('live', { expiresAt: ahead(DAY) });
  await login('revoked 10 days ago: kept', { expiresAt: ahead(DAY), revokedAt: ago(10 * DAY) });
  const oldRevoked = await login('revoked 40 days ago', {
    expiresAt: ahead(DAY),
    revokedAt: ago(40 * DAY),
  });
  await login('expired 40 days ago', { expiresAt: ago(40 * DAY) });
  await login('expired 5 days ago: kept', { expiresAt: ago(5 * DAY) });

  const token = (
    tokenHash: string,
    loginId: string,
    values: { expiresAt: Date; rotatedAt?: Date },
  ) =>
    db
      .insertInto('refreshTokens')
      .values({ ownerId, tokenHash, loginId, ...values })
      .execute();
  await token('expired', live, { expiresAt: ago(HOUR), rotatedAt: ago(2 * HOUR) });
  await token('rotated, not expired: kept', live, { expiresAt: ahead(DAY), rotatedAt: ago(HOUR) });
  await token('goes with its login', oldRevoked, { expiresAt: ahead(DAY) });

  await db
    .insertInto('rateLimits')
    .values([
      { key: 'test:window ended', windowStartedAt: ago(2 * HOUR), hits: 3 },
      { key: 'test:window open: kept', windowStartedAt: ago(HOUR / 2), hits: 3 },
    ])
    .execute();

  await db
    .insertInto('idempotencyKeys')
    .values(
      [
        ['49 hours old', ago(49 * HOUR)],
        ['30 hours old: kept', ago(30 * HOUR)],
        ['1 hour old: kept', ago(HOUR)],
      ].map(([key, createdAt]) => ({
        ownerId,
        key: key as string,
        operation: 'transactions.create',
        requestHash: 'x',
        response: null,
        createdAt: createdAt as Date,
      })),
    )
    .execute();
}

async function remaining(db: Db, ownerId: string) {
  return {
    logins: (
      await db.selectFrom('logins').select('ipAddress').where('ownerId', '=', ownerId).execute()
    )
      .map((row) => row.ipAddress)
      .sort(),
    refreshTokens: (
      await db
        .selectFrom('refreshTokens')
        .select('tokenHash')
        .where('ownerId', '=', ownerId)
        .where('tokenHash', 'in', ['expired', 'rotated, not expired: kept', 'goes with its login'])
        .execute()
    ).map((row) => row.tokenHash),
    rateLimits: (
      await db.selectFrom('rateLimits').select('key').where('key', 'like', 'test:%').execute()
    ).map((row) => row.key),
    idempotencyKeys: (
      await db.selectFrom('idempotencyKeys').select('key').where('ownerId', '=', ownerId).execute()
    )
      .map((row) => row.key)
      .sort(),
  };
}

describe('budget-admin tokens:prune', () => {
  let target: Target;
  let ownerId: string;
  let refreshToken: string;

  beforeAll(async () => {
    target = await migratedDatabase();
    ({ ownerId, refreshToken } = await target.inspect(async (db) => {
      const { session } = await signUp(createTestDeps(db), 'prune');
      await plantRows(db, session.user.id);
      return { ownerId: session.user.id, refreshToken: session.refreshToken };
    }));
  });
  afterAll(() => target.cleanup());

  it('deletes exactly what no request can use any more, and prints the counts', async () => {
    const run = await runAdmin(['tokens:prune', '--json'], target.env);

    expect(jsonOf(run)).toEqual({
      ran: true,
      deleted: { refreshTokens: 1, logins: 2, rateLimits: 1, idempotencyKeys: 1 },
    });
    await target.inspect(async (db) => {
      expect(await remaining(db, ownerId)).toEqual({
        logins: [
          'expired 5 days ago: kept',
          'live',
          // The login sign-up started.
          'local',
          'revoked 10 days ago: kept',
        ],
        refreshTokens: ['rotated, not expired: kept'],
        rateLimits: ['test:window open: kept'],
        // Kept at least 24 hours for retries; deleted after 48.
        idempotencyKeys: ['1 hour old: kept', '30 hours old: kept'],
      });
      // A live login still refreshes.
      const session = await callerFor(createTestDeps(db)).auth.refresh({ refreshToken });
      expect(session.user.id).toBe(ownerId);
    });
  });

  it('a second run finds nothing left to delete', async () => {
    const run = await runAdmin(['tokens:prune'], target.env);

    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout:
        'Deleted 0 expired refresh tokens, 0 old logins, 0 ended rate-limit windows and 0 idempotency keys.\n',
    });
  });
});
