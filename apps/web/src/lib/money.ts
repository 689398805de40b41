const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** Digits after the decimal point of a currency's minor unit (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  return formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Minor units as text in the user's locale. The integer is split into whole and fraction digits
 * as a string, so no float ever holds the amount.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const text = Math.abs(minorUnits)
    .toString()
    .padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  // Intl accepts a decimal string and formats it exactly (ES2023 Intl.NumberFormat v3).
  return formatterFor(currency).format(`${sign}${decimal}` as unknown as number);
}

const MONEY_TEXT = /^([+-])?(\d{1,13})(?:[.,](\d*))?$/;

/**
 * Parses what a person typed ("12.5", "-3,20", "1000") into minor units of `currency`, exactly
 * (digits, never a float). Undefined when it is not an amount or has too many decimals.
 */
export function parseMoney(text: string, currency: string): number | undefined {
  const match = MONEY_TEXT.exec(text.trim().replace(/[\s_']/g, ''));
  if (match === null) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = minorDigits(currency);
  if (fraction.length > digits) return undefined;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return sign === '-' ? -minor : minor;
}

/** Minor units as a plain decimal for an input field ("-12.50"), exactly. */
export function moneyInputText(minorUnits: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const text = Math.abs(minorUnits)
    .toString()
    .padStart(digits + 1, '0');
  return digits === 0
    ? `${sign}${text}`
    : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
