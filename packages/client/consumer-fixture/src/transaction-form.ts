import {
  createBudgetClient,
  inputErrorsOf,
  isBudgetClientError,
  webStorageTokenStore,
  type RouterInputs,
  type RouterOutputs,
  type Transaction,
} from '@budget/client';

type NewTransaction = RouterInputs['transactions']['create'];
type TransactionPage = RouterOutputs['transactions']['page'];

const client = createBudgetClient({
  url: 'http://localhost:4000/trpc',
  tokenStore: webStorageTokenStore(localStorage),
  onSessionEnd: (reason) => console.info(`signed out: ${reason}`),
});

/** Saves a form; returns the message to show under the amount field, if any. */
export async function saveTransaction(input: NewTransaction): Promise<string | undefined> {
  try {
    const saved: Transaction = await client.transactions.create.mutate(input);
    console.info(`saved ${saved.id} (${saved.kind})`);
    return undefined;
  } catch (error) {
    if (!isBudgetClientError(error)) throw error;
    const raw: string[] | undefined = error.data?.zodError?.fieldErrors.amount;
    const typed = inputErrorsOf<NewTransaction>(error)?.fieldErrors;
    // @ts-expect-error -- `amont` is not a field of transactions.create
    console.info(typed?.amont);
    return (typed?.amount ?? raw)?.join(', ');
  }
}

export async function firstPage(): Promise<TransactionPage['items']> {
  const page = await client.transactions.page.query({ page: 1, pageSize: 20 });
  const totalCents: number = page.items.reduce((sum, item) => sum + item.amount, 0);
  console.info(totalCents);
  return page.items;
}

export async function wrongUsages(): Promise<void> {
  // @ts-expect-error -- amount is a number
  await client.transactions.create.mutate({ accountId: 'a', amount: '1', occurredOn: 'd' });
  // @ts-expect-error -- no such procedure
  await client.transactions.remove.mutate({ id: 'x' });
  // @ts-expect-error -- me is a query
  await client.auth.me.mutate();
  // @ts-expect-error -- outputs are typed: a user has no password
  console.info((await client.auth.me.query()).password);
}
