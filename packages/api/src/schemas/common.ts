import { z } from 'zod';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD')
  .refine((code) => knownCurrencies.has(code), 'unknown ISO 4217 currency code');

export const uuidSchema = z.uuid();

/** For procedures that take nothing: any input at all is refused. */
export const noInput = z.void();

export const isoTimestampSchema = z.iso.datetime({ offset: true });

export const MAX_AMOUNT = 1_000_000_000_000;

/** Money in integer minor units (cents), |amount| ≤ 1e12. */
export const moneySchema = z
  .number()
  .int('must be an integer number of minor units (cents)')
  .min(-MAX_AMOUNT, 'must be at least -1e12')
  .max(MAX_AMOUNT, 'must be at most 1e12');

export const nonZeroMoneySchema = moneySchema.refine((amount) => amount !== 0, 'must not be 0');

export const positiveMoneySchema = moneySchema.refine((amount) => amount > 0, 'must be positive');

export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2999-12-31';

/** A real calendar date as 'YYYY-MM-DD' (2023-02-29 is refused) within [MIN_DATE, MAX_DATE]. */
export const dateSchema = z.iso
  .date('expected a date as YYYY-MM-DD')
  .refine((day) => day >= MIN_DATE && day <= MAX_DATE, {
    error: `must be between ${MIN_DATE} and ${MAX_DATE}`,
    // A text that is no date at all gets one message, not two.
    abort: true,
    when: (payload) => payload.issues.length === 0,
  });

/** Control characters (NUL and the like), which no stored text may hold. */
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** The same, except the line breaks and tabs that multi-line text keeps. */
const CONTROL_CHARACTERS_BUT_LAYOUT = /[^\P{Cc}\t\n\r]/u;

/** Single-line text: no control characters at all. */
export function plainText() {
  return z
    .string()
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'must not contain control characters');
}

/** Multi-line text: newlines and tabs allowed, other control characters not. */
export function multilineText() {
  return z
    .string()
    .refine(
      (text) => !CONTROL_CHARACTERS_BUT_LAYOUT.test(text),
      'must not contain control characters other than newlines and tabs',
    );
}

export const nameSchema = plainText().trim().min(1, 'must not be empty').max(100);
