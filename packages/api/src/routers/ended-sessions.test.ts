import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../root.ts';
import { deleteUser, setUserDisabled } from '../services/admin/users.ts';
import { silentLogger } from '../deps.ts';
import { useTestApi } from '../testing/index.ts';

/**
 * An access token outlives its session: logging out, disabling or deleting the user must refuse
 * it at once, on every procedure. The hottest ones check the session inside their own query
 * (sessionInQueryProcedure), so they are tried here with inputs that would succeed, too.
 */
const PUBLIC = new Set(['health.check', 'auth.register', 'auth.login', 'auth.refresh']);
const authenticated = Object.keys(appRouter._def.procedures)
  .filter((path) => !PUBLIC.has(path))
  .sort();

const api = useTestApi();

function callByPath(caller: unknown, path: string, input?: unknown): Promise<unknown> {
  const procedure = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input?: unknown) => Promise<unknown>)(input);
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

type Ending = 'logout' | 'disable' | 'delete';

/** A user with a ledger whose session then ends; `caller` still holds the old access token. */
async function userWithEndedSession(ending: Ending) {
  const user = await api.signUpWithLedger(`ended-${ending}`);
  const { caller, checking, food } = user;
  for (let day = 1; day <= 3; day += 1) {
    await caller.transactions.create({
      accountId: checking.id,
      categoryId: food.id,
      amount: -100 * day,
      occurredOn: `2026-11-0${day}`,
    });
  }
  const { nextCursor } = await caller.transactions.list({ limit: 1 });
  const operator = { db: api.db, log: silentLogger };
  const userId = user.session.user.id;
  if (ending === 'logout') await caller.auth.logout({});
  if (ending === 'disable') await setUserDisabled(operator, { userId, disabled: true });
  if (ending === 'delete') await deleteUser(operator, { userId });
  return { ...user, userId, nextCursor };
}

async function entriesOf(userId: string): Promise<number> {
  const { count } = await api.db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ownerId', '=', userId)
    .executeTakeFirstOrThrow();
  return count;
}

describe('an ended session', () => {
  it.each(authenticated)('%s refuses a logged-out token, whatever the input', async (path) => {
    const { caller } = await userWithEndedSession('logout');
    expect(await codeOf(callByPath(caller, path, undefined))).toBe('UNAUTHORIZED');
    expect(await codeOf(callByPath(caller, path, {}))).toBe('UNAUTHORIZED');
  });

  it.each<Ending>(['logout', 'disable', 'delete'])(
    'after %s, the session-in-query procedures refuse calls that would succeed and write nothing',
    async (ending) => {
      const { caller, checking, food, userId, nextCursor } = await userWithEndedSession(ending);
      const before = await entriesOf(userId);
      const calls = [
        () => caller.transactions.list({}),
        () => caller.transactions.list({ limit: 1, cursor: nextCursor ?? undefined }),
        () =>
          caller.transactions.list({
            accountId: checking.id,
            from: '2026-11-01',
            to: '2026-11-30',
          }),
        () => caller.transactions.page({}),
        () => caller.transactions.page({ page: 99 }),
        () =>
          caller.transactions.create({
            accountId: checking.id,
            amount: -1,
            occurredOn: '2026-11-05',
          }),
        () =>
          caller.transactions.create({
            accountId: checking.id,
            categoryId: food.id,
            amount: -1,
            occurredOn: '2026-11-05',
            idempotencyKey: 'after-the-end',
          }),
        // Another user's account: still UNAUTHORIZED, not NOT_FOUND.
        () =>
          caller.transactions.create({
            accountId: '00000000-0000-4000-8000-000000000000',
            amount: -1,
            occurredOn: '2026-11-05',
          }),
      ];
      for (const call of calls) expect(await codeOf(call())).toBe('UNAUTHORIZED');
      expect(await entriesOf(userId)).toBe(before);
    },
  );
});
