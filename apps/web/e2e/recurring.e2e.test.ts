import type { Browser, Page } from 'playwright-core';
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

/** 'YYYY-MM-DD' `days` from today (UTC, the browser's and the user's zone in these tests). */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function formatted(day: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

async function openRecurring(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Recurring' })
    .click();
  await page.getByRole('heading', { name: 'Recurring', level: 1 }).waitFor();
}

describe('recurring entries', () => {
  it('a rule created on the recurring page shows in its upcoming list and in the dashboard’s upcoming bills; pause, skip, edit and delete', async () => {
    const user = await registerUser(server.deps, 'recurring');
    await user.api.accounts.create({ name: 'Checking', type: 'checking', openingBalance: 500_000 });
    await user.api.accounts.create({ name: 'Savings', type: 'savings' });
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    // Nothing is due yet: the dashboard says so.
    const bills = page.getByRole('region', { name: 'Upcoming bills' });
    await bills.getByText('Nothing due in the next 14 days.').waitFor();

    await openRecurring(page);
    await page.getByText('No recurring entries yet.').waitFor();
    await checkPage(page, 'recurring-empty');

    const firstDue = inDays(3);
    await page.getByRole('button', { name: 'New recurring entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recurring entry' });
    await dialog.getByLabel('Expense').check();
    await dialog.getByLabel('Amount').fill('1200');
    await dialog.getByLabel('Account', { exact: true }).selectOption({ label: 'Checking (USD)' });
    await dialog.getByLabel('Category').selectOption({ label: 'Housing' });
    await dialog.getByLabel('Payee').fill('Landlord');
    await dialog.getByLabel('Repeats').selectOption('monthly');
    await dialog.getByLabel('Starts on').fill(firstDue);
    await checkPage(page, 'recurring-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const rule = page.getByTestId('recurring-rule').filter({ hasText: 'Landlord' });
    await rule.getByText(`Next on ${formatted(firstDue)}`).waitFor();
    await rule.getByText('Every month').waitFor();
    await rule.getByText('-$1,200.00').waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming (next 30 days)' });
    await upcoming.getByText('Landlord').first().waitFor();
    await checkPage(page, 'recurring');

    // A transfer rule: every second week, nothing written before its start.
    await page.getByRole('button', { name: 'New recurring entry' }).click();
    await dialog.getByLabel('Transfer').check();
    await dialog.getByLabel('Amount').fill('50');
    await dialog.getByLabel('From account').selectOption({ label: 'Checking (USD)' });
    await dialog.getByLabel('To account').selectOption({ label: 'Savings (USD)' });
    await dialog.getByLabel('Repeats').selectOption('weekly');
    await dialog.getByLabel('Every how many periods').fill('2');
    await dialog.getByLabel('Starts on').fill(inDays(20));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('recurring-rule')
      .filter({ hasText: 'Transfer to Savings' })
      .getByText('Every 2 weeks')
      .waitFor();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    const bill = bills.getByRole('listitem').filter({ hasText: 'Landlord' });
    await bill.getByText('-$1,200.00').waitFor();
    await bill.getByText(formatted(firstDue)).waitFor();
    // 20 days out is beyond the dashboard's two weeks.
    await expect(bills.getByText('Transfer to Savings').count()).resolves.toBe(0);
    await checkPage(page, 'dashboard-upcoming');

    // Pause: gone from the forecast; resume: back.
    await openRecurring(page);
    await rule.getByRole('button', { name: 'Pause Landlord' }).click();
    await rule.getByText('Paused', { exact: true }).waitFor();
    await expect(upcoming.getByText('Landlord').count()).resolves.toBe(0);
    await rule.getByRole('button', { name: 'Resume Landlord' }).click();
    await upcoming.getByText('Landlord').first().waitFor();

    // Skip the next one: the rule moves on a month.
    await rule.getByRole('button', { name: 'Skip next Landlord' }).click();
    const nextOn = async () =>
      (await user.api.recurring.list()).find((item) => item.payee === 'Landlord')?.nextOn;
    await expect.poll(nextOn).not.toBe(firstDue);
    const skippedTo = (await nextOn()) ?? '';
    expect(skippedTo > firstDue).toBe(true);
    await rule.getByText(`Next on ${formatted(skippedTo)}`).waitFor();

    // Edit the amount and payee.
    await rule.getByRole('button', { name: 'Edit Landlord' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit recurring entry' });
    await edit.getByLabel('Amount').fill('1250');
    await edit.getByLabel('Payee').fill('New landlord');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    const renamed = page.getByTestId('recurring-rule').filter({ hasText: 'New landlord' });
    await renamed.getByText('-$1,250.00').waitFor();

    page.once('dialog', (confirm) => void confirm.accept());
    await renamed.getByRole('button', { name: 'Delete New landlord' }).click();
    await renamed.waitFor({ state: 'detached' });
    await expect(user.api.recurring.list()).resolves.toHaveLength(1);
    await context.close();
  });
});
