import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, startAppServer, type AppServer } from './support/app-server.ts';
import { checkPage, launchBrowser, newContext, signIn } from './support/browser.ts';

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('sessions', () => {
  it('a reload keeps the session: the access token is in memory only, the refresh cookie restores it', async () => {
    const user = await registerUser(server.deps);
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);

    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
    expect(stored).toBe(0);
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'budget_refresh')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });

    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByText(`Signed in as ${user.email}`).waitFor();
    await context.close();
  });

  it('log out everywhere ends the session of another browser, which is sent to sign-in with a message', async () => {
    const user = await registerUser(server.deps);
    await user.api.accounts.create({ name: 'Checking', type: 'checking' });
    const laptop = await newContext(browser, server.origin);
    const phone = await newContext(browser, server.origin);
    const laptopPage = await laptop.newPage();
    const phonePage = await phone.newPage();
    await signIn(laptopPage, user.email, user.password);
    await signIn(phonePage, user.email, user.password);

    await laptopPage.goto('/settings');
    await laptopPage.getByRole('button', { name: 'Log out everywhere' }).click();
    await laptopPage.getByText('You have been signed out.').waitFor();
    expect(new URL(laptopPage.url()).pathname).toBe('/sign-in');

    // The next call the phone makes is refused, and so is its refresh.
    await phonePage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Transactions' })
      .click();
    await phonePage.getByText('Your session has ended. Please sign in again.').waitFor();
    expect(new URL(phonePage.url()).pathname).toBe('/sign-in');
    await checkPage(phonePage, 'session-ended');

    // The cookie is dead too: a reload does not bring the session back.
    await phonePage.goto('/');
    await phonePage.getByRole('heading', { name: 'Sign in' }).waitFor();
    await Promise.all([laptop.close(), phone.close()]);
  });
});

describe('conflicts', () => {
  it('an edit of a row changed elsewhere shows the prompt; reload shows theirs, overwrite saves mine', async () => {
    const user = await registerUser(server.deps);
    const account = await user.api.accounts.create({ name: 'Checking', type: 'checking' });
    const row = await user.api.transactions.create({
      accountId: account.id,
      amount: -1000,
      occurredOn: '2026-01-15',
      payee: 'Coffee House',
    });
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await page.goto('/transactions');
    const list = page.getByRole('region', { name: 'Transactions' });

    await list.getByRole('button', { name: 'Edit Coffee House' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit transaction' });
    await dialog.getByLabel('Amount').fill('12.00');
    // Meanwhile another device changes the same row.
    await user.api.transactions.update({
      id: row.id,
      payee: 'Coffee Place',
      expectedVersion: row.version,
    });
    await dialog.getByRole('button', { name: 'Save' }).click();

    const prompt = dialog.getByRole('alertdialog', { name: 'Changed elsewhere' });
    await prompt.waitFor();
    await checkPage(page, 'conflict-prompt');
    await prompt.getByRole('button', { name: 'Reload latest' }).click();
    await prompt.waitFor({ state: 'detached' });
    await expect.poll(() => dialog.getByLabel('Payee').inputValue()).toBe('Coffee Place');
    await expect.poll(() => dialog.getByLabel('Amount').inputValue()).toBe('10.00');

    await dialog.getByLabel('Amount').fill('12.00');
    await user.api.transactions.update({ id: row.id, note: 'changed again' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await prompt.getByRole('button', { name: 'Overwrite with mine' }).click();
    await dialog.waitFor({ state: 'detached' });
    await list.getByText('-$12.00').waitFor();
    expect(await user.api.transactions.byId({ id: row.id })).toMatchObject({
      amount: -1200,
      payee: 'Coffee Place',
      // Overwrite means the whole form as I saw it wins, including the note I left empty.
      note: null,
    });
    await context.close();
  });

  it('a failed edit puts the optimistic change back', async () => {
    const user = await registerUser(server.deps);
    const account = await user.api.accounts.create({ name: 'Checking', type: 'checking' });
    const row = await user.api.transactions.create({
      accountId: account.id,
      amount: -500,
      occurredOn: '2026-01-15',
      payee: 'Tea Shop',
    });
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await page.goto('/transactions');
    const list = page.getByRole('region', { name: 'Transactions' });
    await list.getByRole('button', { name: 'Edit Tea Shop' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit transaction' });
    await dialog.getByLabel('Amount').fill('99.00');
    await user.api.transactions.delete({ id: row.id });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').waitFor();
    await expect(list.getByText('-$99.00').count()).resolves.toBe(0);
    await context.close();
  });
});
