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

/** A real calendar date as 'YYYY-MM-DD' (2023-02-29 is refused). */
export const dateSchema = z.iso.date('expected a date as YYYY-MM-DD');

export const nameSchema = z.string().trim().min(1, 'must not be empty').max(100);
