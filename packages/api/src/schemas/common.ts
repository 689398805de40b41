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
