import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isoFromTimestampText } from './type-parsers.ts';

const viaDate = (text: string) =>
  (pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (t: string) => Date)(text);

describe('isoFromTimestampText', () => {
  it.each([
    '2026-11-30 12:36:57.081123+00',
    '2026-11-30 12:36:57.08+00',
    '2026-11-30 12:36:57.999999+00',
    '2026-11-30 12:36:57+00',
    '1999-01-01 00:00:00.000001+00',
    '2026-11-30 12:36:57.081123+05:30',
    '2026-11-30 12:36:57-03',
    '1890-06-01 12:00:00+00:09:21',
  ])('writes %s as toISOString does', (text) => {
    expect(isoFromTimestampText(text)).toBe(viaDate(text).toISOString());
  });
});
