import { uniqueEmail } from '@budget/api/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { checkPage, desktop, launchBrowser, newContext, phone } from './support/browser.ts';

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

async function openPage(page: Page, link: string, heading: string, narrow: boolean) {
  // On a phone the navigation wraps, but every link stays reachable.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  if (narrow) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${heading} fits a phone without sideways scrolling`).toBeLessThanOrEqual(
      phone.width,
    );
  }
}

async function addAccount(page: Page, name: string, type: string, opening: string) {
  const form = page.getByRole('form', { name: 'New account' });
  await form.getByLabel('Account name').fill(name);
  await form.getByLabel('Type').selectOption({ label: type });
  await form.getByLabel('Opening balance').fill(opening);
  await form.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('listitem').filter({ hasText: name }).waitFor();
}

async function addTransaction(
  page: Page,
  entry: {
    type: 'Expense' | 'Income';
    amount: string;
    account: string;
    category: string;
    payee: string;
  },
) {
  await page.getByRole('button', { name: 'Add transaction' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add transaction' });
  await dialog.getByLabel(entry.type).check();
  await dialog.getByLabel('Amount').fill(entry.amount);
  await dialog.getByLabel('Account').selectOption({ label: `${entry.account} (USD)` });
  await dialog.getByLabel('Category').selectOption({ label: entry.category });
  await dialog.getByLabel('Payee').fill(entry.payee);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('region', { name: 'Transactions' }).getByText(entry.payee).first().waitFor();
}

/** Opens the budgets page and waits until the Groceries budget shows `status` (it refetches). */
async function expectBudgetStatus(page: Page, status: string): Promise<void> {
  await openPage(page, 'Budgets', 'Budgets', false);
  const budget = page.getByTestId('budget-progress').filter({ hasText: 'Groceries' });
  await budget.locator('.tag').filter({ hasText: status }).waitFor();
  expect(await budget.locator('.tag').textContent()).toBe(status);
}

describe.each([
  { name: 'desktop', viewport: desktop },
  { name: 'phone', viewport: phone },
])('main journey on $name', ({ name, viewport }) => {
  const narrow = viewport === phone;

  it('sign up, accounts, income, expenses and a transfer; balances, dashboard and a budget going to warning and over', async () => {
    const context = await newContext(browser, server.origin, viewport);
    const page = await context.newPage();

    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage(page, `${name}-sign-in`);

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByLabel('Name (optional)').fill('Robin');
    await page.getByLabel('Email').fill(uniqueEmail('journey'));
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The API's own schema answers in the form before anything is sent.
    await expect(page.getByText('must be at least 12 characters').count()).resolves.toBe(1);
    await checkPage(page, `${name}-sign-up`);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByText('No accounts yet.').waitFor();
    await checkPage(page, `${name}-dashboard-empty`);

    await openPage(page, 'Accounts', 'Accounts', narrow);
    await addAccount(page, 'Checking', 'Checking', '1000');
    await addAccount(page, 'Savings', 'Savings', '0');
    await checkPage(page, `${name}-accounts`);

    await openPage(page, 'Transactions', 'Transactions', narrow);
    await addTransaction(page, {
      type: 'Income',
      amount: '2500',
      account: 'Checking',
      category: 'Salary',
      payee: 'Acme Corp',
    });
    await addTransaction(page, {
      type: 'Expense',
      amount: '120.50',
      account: 'Checking',
      category: 'Groceries',
      payee: 'Corner Market',
    });
    await page.getByRole('button', { name: 'Transfer' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transfer between accounts' });
    await transfer.getByLabel('From account').selectOption({ label: 'Checking (USD)' });
    await transfer.getByLabel('To account').selectOption({ label: 'Savings (USD)' });
    await transfer.getByLabel('Amount').fill('300');
    await transfer.getByLabel('Note').fill('Monthly saving');
    await checkPage(page, `${name}-transfer-dialog`);
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await transfer.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Transactions' })
      .getByText('Monthly saving')
      .first()
      .waitFor();
    await checkPage(page, `${name}-transactions`);

    await openPage(page, 'Accounts', 'Accounts', narrow);
    const checking = page.getByRole('listitem').filter({ hasText: 'Checking' });
    await checking.getByText('$3,079.50').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Savings' }).getByText('$300.00').waitFor();

    await openPage(page, 'Dashboard', 'Dashboard', narrow);
    const balances = page.getByTestId('balances');
    await balances.getByText('$3,079.50').waitFor();
    await balances.getByText('$300.00').waitFor();
    const month = page.getByTestId('month-USD');
    // The month's figures arrive with reports.summary: wait for them, not for the placeholder.
    await month.getByText('$2,500.00').waitFor();
    await expect(month.locator('dd').allTextContents()).resolves.toEqual([
      '$2,500.00',
      '$120.50',
      '$2,379.50',
    ]);
    await checkPage(page, `${name}-dashboard`);

    await openPage(page, 'Budgets', 'Budgets', narrow);
    const newBudget = page.getByRole('form', { name: 'New budget' });
    await newBudget.getByLabel('Category').selectOption({ label: 'Groceries' });
    await newBudget.getByLabel('Amount (USD)').fill('200');
    await newBudget.getByRole('button', { name: 'Add budget' }).click();
    await page.getByTestId('budget-progress').filter({ hasText: 'Groceries' }).waitFor();
    await expectBudgetStatus(page, 'On track');
    await checkPage(page, `${name}-budgets`);

    await openPage(page, 'Transactions', 'Transactions', narrow);
    await addTransaction(page, {
      type: 'Expense',
      amount: '50',
      account: 'Checking',
      category: 'Groceries',
      payee: 'Bakery',
    });
    await expectBudgetStatus(page, 'Close to the limit');

    await openPage(page, 'Transactions', 'Transactions', narrow);
    await addTransaction(page, {
      type: 'Expense',
      amount: '40',
      account: 'Checking',
      category: 'Groceries',
      payee: 'Butcher',
    });
    await expectBudgetStatus(page, 'Over budget');
    await checkPage(page, `${name}-budgets-over`);

    await openPage(page, 'Dashboard', 'Dashboard', narrow);
    await page.getByTestId('budget-progress').getByText('Over budget').waitFor();

    await openPage(page, 'Reports', 'Reports', narrow);
    await page.getByText('Spending by category (USD)').waitFor();
    await page.getByRole('cell', { name: 'Groceries' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await checkPage(page, `${name}-reports`);

    await openPage(page, 'Categories', 'Categories', narrow);
    await checkPage(page, `${name}-categories`);
    await openPage(page, 'Settings', 'Settings', narrow);
    await checkPage(page, `${name}-settings`);

    await context.close();
  });
});
