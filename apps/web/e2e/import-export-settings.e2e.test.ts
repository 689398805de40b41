import { readFile } from 'node:fs/promises';
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

async function open(page: Page, link: string, heading: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** A European bank's statement: semicolons, DD.MM.YYYY, decimal commas. */
const march = [
  'Datum;Beschreibung;Betrag;Verwendungszweck',
  '02.03.2026;Bakery Sun;-4,50;bread',
  '05.03.2026;Employer AG;2500,00;March salary',
  '14.03.2026;Power Co;-61,20;',
].join('\n');
/** The next statement overlaps: two rows again, two new, and one the bank garbled. */
const marchToApril = [
  'Datum;Beschreibung;Betrag;Verwendungszweck',
  '05.03.2026;Employer AG;2500,00;March salary',
  '14.03.2026;Power Co;-61,20;',
  '20.03.2026;Bookshop;-18,90;',
  '01.04.2026;Landlord;-950,00;April rent',
  '25.03.2026;Broken;n/a;',
].join('\n');

async function chooseFile(page: Page, name: string, text: string) {
  await page.getByLabel('CSV file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
}

describe('CSV import with a duplicate', () => {
  it('imports a statement, marks the overlap of the next one as duplicates, commits only the new rows, and undoes them', async () => {
    const user = await registerUser(server.deps, 'import');
    const account = await user.api.accounts.create({
      name: 'Giro',
      type: 'checking',
      currency: 'EUR',
    });
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await open(page, 'Import', 'Import');
    await page.getByText('No imports yet in this visit.').waitFor();
    await checkPage(page, 'import-empty');

    await chooseFile(page, 'march.csv', march);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const detected = page.getByTestId('detected');
    await detected.getByText('semicolon').waitFor();
    await expect(detected.locator('dd').allTextContents()).resolves.toEqual([
      'semicolon',
      'yes',
      'DD.MM.YYYY',
      'comma',
    ]);
    await page
      .getByTestId('import-summary')
      .getByText('3 rows: 3 new, 0 duplicates, 0 errors.')
      .waitFor();

    // The payee column can be changed and the file read again.
    const mapping = page.getByRole('form', { name: 'Column mapping' });
    await mapping.getByLabel('Payee column').selectOption({ label: 'None' });
    await mapping.getByRole('button', { name: 'Preview again' }).click();
    const rows = page.getByRole('region', { name: 'Preview rows' });
    await expect.poll(() => rows.getByText('Bakery Sun').count(), { timeout: 10_000 }).toBe(0);
    await mapping.getByLabel('Payee column').selectOption({ index: 2 });
    await mapping.getByRole('button', { name: 'Preview again' }).click();
    await rows.getByText('Bakery Sun').waitFor();
    await checkPage(page, 'import-preview');

    await page.getByRole('button', { name: 'Import 3 new rows' }).click();
    await page.getByRole('status').getByText('Imported 3 entries.').waitFor();
    await page.getByTestId('past-import').filter({ hasText: 'march.csv' }).waitFor();

    await chooseFile(page, 'march-april.csv', marchToApril);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page
      .getByTestId('import-summary')
      .getByText('5 rows: 2 new, 2 duplicates, 1 error.')
      .waitFor();
    const duplicates = rows.locator('tr[data-status="duplicate"]');
    await expect(duplicates.count()).resolves.toBe(2);
    await duplicates
      .filter({ hasText: 'Employer AG' })
      .getByText(/Duplicate of Employer AG on Mar 5, 2026/)
      .waitFor();
    await rows
      .locator('tr[data-status="error"]')
      .getByText("Line 6: 'n/a' is not an amount")
      .waitFor();
    await expect(rows.locator('tr[data-status="new"]').allTextContents()).resolves.toEqual([
      expect.stringContaining('Bookshop'),
      expect.stringContaining('Landlord'),
    ]);
    await checkPage(page, 'import-duplicates');

    await page.getByRole('button', { name: 'Import 2 new rows' }).click();
    await page
      .getByRole('status')
      .getByText('Imported 2 entries, 2 duplicates skipped, 1 rows with errors left out.')
      .waitFor();
    const ledger = async () =>
      (await user.api.transactions.list({ accountId: account.id, limit: 100 })).items
        .map((item) => item.payee)
        .sort();
    await expect(ledger()).resolves.toEqual([
      'Bakery Sun',
      'Bookshop',
      'Employer AG',
      'Landlord',
      'Power Co',
    ]);

    const second = page.getByTestId('past-import').filter({ hasText: 'march-april.csv' });
    await second.getByRole('button', { name: 'Undo the import of march-april.csv' }).click();
    await second.getByText('Undone: 2 entries removed.').waitFor();
    await expect(ledger()).resolves.toEqual(['Bakery Sun', 'Employer AG', 'Power Co']);
    await checkPage(page, 'import-undone');
    await context.close();
  });
});

describe('CSV export', () => {
  it('downloads the filtered transactions as CSV with the in-memory token', async () => {
    const user = await registerUser(server.deps, 'export');
    const checking = await user.api.accounts.create({ name: 'Checking', type: 'checking' });
    const cash = await user.api.accounts.create({ name: 'Cash', type: 'cash' });
    for (const [accountId, amount, occurredOn, payee] of [
      [checking.id, -1250, '2026-02-10', 'Corner Market'],
      [checking.id, 300_000, '2026-02-25', 'Acme Corp'],
      [checking.id, -999, '2026-01-15', 'January thing'],
      [cash.id, -500, '2026-02-12', 'Cash coffee'],
      [checking.id, -4200, '2026-02-20', '=HYPERLINK("x")'],
    ] as const) {
      await user.api.transactions.create({ accountId, amount, occurredOn, payee });
    }
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await page.goto(`/transactions?account=${checking.id}&from=2026-02-01&to=2026-02-28`);
    await page.getByRole('region', { name: 'Transactions' }).getByText('Corner Market').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('transactions_2026-02-01_to_2026-02-28.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]?.toLowerCase()).toContain('date');
    expect(lines).toHaveLength(4);
    expect(csv).toContain('Corner Market');
    expect(csv).toContain('Acme Corp');
    expect(csv).toContain('-12.50');
    expect(csv).toContain('3000.00');
    expect(csv).not.toContain('January thing');
    expect(csv).not.toContain('Cash coffee');
    // A cell a spreadsheet would run as a formula is neutralised.
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    await checkPage(page, 'transactions-export');
    await context.close();
  });
});

describe('settings', () => {
  it('saves the time zone chosen from the IANA list', async () => {
    const user = await registerUser(server.deps, 'zone');
    const context = await newContext(browser, server.origin);
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await open(page, 'Settings', 'Settings');
    const profile = page.getByRole('form', { name: 'Profile' });
    const zone = profile.getByLabel('Time zone');
    await expect(zone.inputValue()).resolves.toBe('UTC');
    await zone.selectOption('Pacific/Auckland');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Profile saved.').waitFor();
    await expect(user.api.auth.me()).resolves.toMatchObject({ timeZone: 'Pacific/Auckland' });

    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('Pacific/Auckland');
    await checkPage(page, 'settings-time-zone');
    await context.close();
  });
});
