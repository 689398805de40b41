import type { ApiDeps } from '../deps.ts';
import { signUp, type callerFor } from './index.ts';

type Caller = ReturnType<typeof callerFor>;

/** A signed-up user with a USD checking (opening 1000), a USD savings and a EUR cash account. */
export async function signUpWithAccounts(deps: ApiDeps, label = 'user') {
  const user = await signUp(deps, label);
  const { caller } = user;
  const checking = await caller.accounts.create({
    name: 'Checking',
    type: 'checking',
    currency: 'USD',
    openingBalance: 1000,
  });
  const savings = await caller.accounts.create({
    name: 'Savings',
    type: 'savings',
    currency: 'USD',
  });
  const euros = await caller.accounts.create({ name: 'Euros', type: 'cash', currency: 'EUR' });
  const [groceries] = await caller.categories.list({ kind: 'expense' });
  if (groceries === undefined) throw new Error('expected default categories');
  return { ...user, checking, savings, euros, category: groceries };
}

export async function balanceOf(caller: Caller, accountId: string): Promise<number> {
  return (await caller.accounts.byId({ id: accountId })).balance;
}
