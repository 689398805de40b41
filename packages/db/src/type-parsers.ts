import pg from 'pg';

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

const parseTimestamp = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (
  text: string,
) => Date;
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * A `timestamptz` as PostgreSQL writes it ('2026-11-30 12:36:57.081123+00'), turned into what
 * `Date#toISOString` gives for it ('2026-11-30T12:36:57.081Z') without making a Date: hot reads
 * select timestamps as text and skip a parse and a format per value. Other offsets (a session in
 * another time zone) take the slow way.
 */
export function isoFromTimestampText(text: string): string {
  const utc = UTC_TIMESTAMP.exec(text);
  if (utc === null) return parseTimestamp(text).toISOString();
  const [, day, time, fraction = ''] = utc;
  return `${day ?? ''}T${time ?? ''}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
}
