import type { FastifyInstance } from 'fastify';
import { dataOf, mutate, query, registerOverHttp } from './index.ts';

/** A signed-in user's calls over HTTP: each resolves with `result.data` or throws with the body. */
export interface HttpUser {
  userId: string;
  token: string;
  query<T>(path: string, input?: unknown): Promise<T>;
  mutate<T>(path: string, input?: unknown): Promise<T>;
}

/** Registers a fresh user over HTTP (currency USD, time zone UTC) and wraps their token. */
export async function httpUser(app: FastifyInstance, label = 'http-user'): Promise<HttpUser> {
  const { session } = await registerOverHttp(app, label);
  const token = session.accessToken;
  return {
    userId: session.user.id,
    token,
    query: async <T>(path: string, input?: unknown) =>
      dataOf<T>(await query(app, path, input, { token })),
    mutate: async <T>(path: string, input?: unknown) =>
      dataOf<T>(await mutate(app, path, input, { token })),
  };
}

/** A signed-in user with one account of their own, created over HTTP. */
export async function httpUserWithAccount(
  app: FastifyInstance,
  label = 'http-user',
  account: { name?: string; type?: string; currency?: string; openingBalance?: number } = {},
): Promise<HttpUser & { accountId: string }> {
  const user = await httpUser(app, label);
  const { id } = await user.mutate<{ id: string }>('accounts.create', {
    name: 'Checking',
    type: 'checking',
    ...account,
  });
  return { ...user, accountId: id };
}

/** Every transaction of the user, oldest first, walked page by page over HTTP. */
export async function allTransactions<T>(user: HttpUser, filters: object = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await user.query<{ items: T[]; nextCursor: string | null }>('transactions.list', {
      ...filters,
      sort: 'date_asc',
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}
