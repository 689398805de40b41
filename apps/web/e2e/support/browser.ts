import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath, screenshotDir } from './config.ts';

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}

export function newContext(
  browser: Browser,
  origin: string,
  viewport: { width: number; height: number } = desktop,
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: origin, viewport, locale: 'en-US', timezoneId: 'UTC' });
}

/** No serious or critical axe violation (WCAG 2.1 A and AA) on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(blocking, `axe on ${page.url()}`).toEqual([]);
}

/** Saves a full-page screenshot under .ci/out/web/ when CI is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (screenshotDir === undefined) return;
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** Checks the page for accessibility and keeps a screenshot of it. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await screenshot(page, name);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}
