import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBudgetClient } from './create-budget-client.ts';
import { inputErrorsOf } from './input-errors.ts';
import type { RouterInputs } from './api-types.ts';
import { startApiServer, type ApiServer } from '../test-setup/index.ts';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

async function signedInClient() {
  const client = createBudgetClient({ url: server.url });
  await client.auth.register.mutate({
    email: uniqueEmail('input-errors'),
    password: TEST_PASSWORD,
  });
  return client;
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('the call should fail'),
    (error: unknown) => error,
  );
}

describe('inputErrorsOf', () => {
  it('gives the field errors of a refused input, keyed by field', async () => {
    const client = await signedInClient();
    const input: RouterInputs['transactions']['create'] = {
      accountId: randomUUID(),
      amount: 0,
      occurredOn: 'yesterday',
    };

    const errors = inputErrorsOf<typeof input>(
      await failureOf(client.transactions.create.mutate(input)),
    );

    expect(errors?.formErrors).toEqual([]);
    expect(errors?.fieldErrors.amount).toEqual([expect.any(String)]);
    expect(errors?.fieldErrors.occurredOn).toEqual([expect.any(String)]);
    expect(errors?.fieldErrors.accountId).toBeUndefined();
  });

  it('is null for an error that is not about the input', async () => {
    const client = createBudgetClient({ url: server.url });
    const unauthorized = await failureOf(client.auth.me.query());

    expect(inputErrorsOf(unauthorized)).toBeNull();
    expect(inputErrorsOf(new Error('network down'))).toBeNull();
  });
});
