import { MAX_AMOUNT } from '../../schemas/common.ts';
import type { DateFormat } from '../../schemas/imports.ts';

const dateShapes: Record<DateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})$/,
  'DD/MM/YYYY': /^(?<day>\d{1,2})\/(?<month>\d{1,2})\/(?<year>\d{4})$/,
  'MM/DD/YYYY': /^(?<month>\d{1,2})\/(?<day>\d{1,2})\/(?<year>\d{4})$/,
  'DD.MM.YYYY': /^(?<day>\d{1,2})\.(?<month>\d{1,2})\.(?<year>\d{4})$/,
};

export const dateFormats = Object.keys(dateShapes) as DateFormat[];

/** A cell as 'YYYY-MM-DD' when it is a real date in `format` between 1900 and 2999, else null. */
export function parseCsvDate(cell: string, format: DateFormat): string | null {
  const groups = dateShapes[format].exec(cell.trim())?.groups;
  if (groups === undefined) return null;
  const year = Number(groups.year);
  const month = Number(groups.month);
  const day = Number(groups.day);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type DecimalSeparator = '.' | ',';

/**
 * A money cell as signed minor units, parsed as text (never through a float): `1.234,56` with
 * a comma separator, `1,234.56` with a point; a leading or trailing minus, or parentheses, for
 * negatives; currency symbols and spaces are ignored. Returns an error message when it is not an
 * amount, has more decimals than the currency, or is beyond ±1e12.
 */
export function parseCsvAmount(
  cell: string,
  decimalSeparator: DecimalSeparator,
  digits: number,
): number | string {
  let text = cell.replace(/[\s\u00a0\u202f'’]/g, '').replace(/^[A-Z]{3}|[A-Z]{3}$/g, '');
  text = text.replace(/^[$€£¥₹₩₽₺]|[$€£¥₹₩₽₺]$/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  else if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  const group = decimalSeparator === '.' ? ',' : '.';
  const escapedGroup = group === '.' ? '\\.' : ',';
  const escapedDecimal = decimalSeparator === '.' ? '\\.' : ',';
  const shape = new RegExp(
    `^(?<whole>\\d{1,3}(?:${escapedGroup}\\d{3})+|\\d+)?(?:${escapedDecimal}(?<fraction>\\d+))?$`,
  );
  const groups = shape.exec(text)?.groups;
  if (groups === undefined || (groups.whole === undefined && groups.fraction === undefined)) {
    return `'${cell.slice(0, 40)}' is not an amount`;
  }
  const whole = (groups.whole ?? '0').replaceAll(group, '');
  const fraction = (groups.fraction ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return `'${cell.slice(0, 40)}' has more decimals than the currency's ${digits}`;
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(MAX_AMOUNT)) return `'${cell.slice(0, 40)}' is beyond 1e12 minor units`;
  const amount = Number(minor);
  return negative ? -amount : amount;
}
