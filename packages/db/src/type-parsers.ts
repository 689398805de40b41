export const INT8_OID = 20;
export const DATE_OID = 1082;
export const BPCHAR_OID = 1042;

/** Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them across time zones. */
export const keepText = (text: string): string => text;

/**
 * `bigint` columns (money in minor units, counts) come back as JS numbers. Amounts are capped at
 * 1e12 and sums stay far below 2^53, but a value that would lose precision fails loudly instead.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`bigint value ${text} is outside the safe integer range`);
  }
  return value;
}

/** `char(n)` columns (currency codes) come back without PostgreSQL's blank padding. */
export const trimPadding = (text: string): string => text.trimEnd();
