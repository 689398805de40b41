import type { ImportedTransaction } from '@budget/api/admin';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerUser,
  seedTransactions,
  startAppServer,
  type AppServer,
} from './support/app-server.ts';
import { checkPage, launchBrowser, newContext, signIn } from './support/browser.ts';

const ROWS = 20_000;

let server: AppServer;
let browser: Browser;
let user: Awaited<ReturnType<typeof registerUser>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  user = await registerUser(server.deps, 'ledger');
  const account = await user.api.accounts.create({ name: 'Checking', type: 'checking' });
  const categories = await user.api.categories.list();
  const groceries = categories.find((category) => category.name === 'Groceries');
  const salary = categories.find((category) => category.name === 'Salary');
  // Every tenth row is income ("Payroll n"), the rest groceries, one per day going back.
  const rows: ImportedTransaction[] = Array.from({ length: ROWS }, (_, index) => {
    const income = index % 10 === 0;
    const day = new Date(Date.UTC(2026, 0, 1) - index * 86_400_000).toISOString().slice(0, 10);
    return {
      accountId: account.id,
      categoryId: (income ? salary?.id : groceries?.id) ?? null,
      amount: income ? 300_000 : -(1000 + index),
      occurredOn: day,
      payee: income ? `Payroll ${index}` : `Market ${index}`,
      note: null,
      transferId: null,
    };
  });
  await seedTransactions(server.deps, user.session.user.id, rows);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('browsing a long ledger', () => {
  it('walks thousands of rows by cursor while keeping only the visible ones in the page', async () => {
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await page.goto('/transactions');
    const list = page.getByRole('region', { name: 'Transactions' });
    await list.getByText('Market 1', { exact: true }).waitFor();
    await page.getByTestId('loaded-count').getByText('50 transactions loaded').waitFor();
    await checkPage(page, 'transactions-long');

    // Scroll to the bottom again and again, half way through the ledger: 200 pages by cursor.
    const deep = ROWS / 2;
    const started = performance.now();
    await list.evaluate(async (element, target) => {
      const loaded = () =>
        Number(
          /^\d+/.exec(
            document.querySelector('[data-testid="loaded-count"]')?.textContent ?? '',
          )?.[0] ?? 0,
        );
      while (loaded() < target) {
        element.scrollTop = element.scrollHeight;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      element.scrollTop = element.scrollHeight;
    }, deep);
    console.info(
      `scrolled through ${deep} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // The row 10 000 rows deep is on screen, and the list knows there is more.
    await list.getByText(`Market ${deep - 1}`, { exact: true }).waitFor();
    await page
      .getByTestId('loaded-count')
      .getByText(/^\d+ transactions loaded, scroll for more/)
      .waitFor();
    const rendered = await list.getByRole('listitem').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await context.close();
  });

  it('keeps every filter in the URL: applied from the form, and restored from a shared link', async () => {
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await page.goto('/transactions');
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Kind').selectOption('income');
    await filters.getByLabel('From').fill('2025-06-01');
    await filters.getByLabel('To').fill('2025-12-31');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/kind=income/);
    const search = new URL(page.url()).searchParams;
    expect(Object.fromEntries(search)).toMatchObject({
      kind: 'income',
      from: '2025-06-01',
      to: '2025-12-31',
    });
    const list = page.getByRole('region', { name: 'Transactions' });
    await list.getByText('Payroll 10', { exact: true }).waitFor();
    await expect(list.getByText(/^Market /).count()).resolves.toBe(0);

    // A shared link with a search, an amount range and a sort opens exactly that view.
    await page.goto('/transactions?q=Market%2012&min=-20&max=-10.12&sort=amount_asc');
    await list.getByText('Market 129', { exact: true }).waitFor();
    await expect(filters.getByLabel('Search payee or note').inputValue()).resolves.toBe(
      'Market 12',
    );
    await expect(filters.getByLabel('Sort').inputValue()).resolves.toBe('amount_asc');
    const titles = await list.locator('.tx-title').allTextContents();
    // Market 12 (-10.12) and 121–129 (-11.21 to -11.29) are in the range, 1201–1299 (-22.xx) are
    // not; the most negative comes first.
    expect(titles).toEqual(
      [129, 128, 127, 126, 125, 124, 123, 122, 121, 12].map((n) => `Market ${n}`),
    );
    await context.close();
  });
});
