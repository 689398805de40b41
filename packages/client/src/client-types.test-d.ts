import type { TRPCClient } from '@trpc/client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createBudgetClient,
  type AppRouter,
  type BudgetClient,
  type RouterInputs,
  type RouterOutputs,
  type Session,
  type User,
} from './index.ts';

// A type test: vitest's typecheck mode (packages/client/vitest.config.ts) fails on a wrong type.
describe('client types are inferred from the API router', () => {
  const client = createBudgetClient({ url: 'http://127.0.0.1:1/trpc' });

  it('the client is the typed tRPC client of AppRouter', () => {
    expectTypeOf(client).toEqualTypeOf<BudgetClient>();
    expectTypeOf<BudgetClient>().toEqualTypeOf<TRPCClient<AppRouter>>();
  });

  it('outputs are the domain types', () => {
    expectTypeOf(client.auth.me.query).returns.resolves.toEqualTypeOf<User>();
    expectTypeOf(client.auth.login.mutate).returns.resolves.toEqualTypeOf<Session>();
    expectTypeOf<RouterOutputs['auth']['register']>().toEqualTypeOf<Session>();
    expectTypeOf<User>().toEqualTypeOf<{
      id: string;
      email: string;
      displayName: string;
      currency: string;
      timeZone: string;
      createdAt: string;
    }>();
    expectTypeOf<Session['user']>().toEqualTypeOf<User>();
    expectTypeOf<RouterOutputs['health']['check']['database']>().toEqualTypeOf<'ok' | 'down'>();
  });

  it('inputs are checked: a wrong field is a compile error', () => {
    expectTypeOf(client.auth.login.mutate).toBeCallableWith({ email: 'a@b.co', password: 'x' });
    expectTypeOf<RouterInputs['auth']['login']>().toEqualTypeOf<{
      email: string;
      password: string;
    }>();

    // @ts-expect-error -- a misspelt field
    expectTypeOf(client.auth.login.mutate).toBeCallableWith({ emial: 'a@b.co', password: 'x' });
    // @ts-expect-error -- a missing required field
    expectTypeOf(client.auth.login.mutate).toBeCallableWith({ email: 'a@b.co' });
    // @ts-expect-error -- an unknown field (no mass assignment)
    expectTypeOf(client.auth.updateProfile.mutate).toBeCallableWith({ ownerId: 'x' });
    // @ts-expect-error -- a wrong type
    expectTypeOf(client.auth.deleteAccount.mutate).toBeCallableWith({ password: 123 });
  });

  it('procedures are checked: an unknown one or the wrong kind is a compile error', () => {
    // @ts-expect-error -- no such procedure
    expectTypeOf(client.auth.whoami).toBeObject();
    // @ts-expect-error -- me is a query, not a mutation
    expectTypeOf(client.auth.me.mutate).toBeFunction();
  });
});
