import { z } from 'zod';
import { parseMoney } from './money.ts';

/**
 * Turns a typed amount into minor units of `currency` inside a form schema's transform; an
 * unreadable amount becomes an issue on `path`, shown next to that field.
 */
export function minorUnitsOf(
  text: string,
  currency: string,
  ctx: z.RefinementCtx,
  path: string,
): number {
  const minor = parseMoney(text, currency);
  if (minor === undefined) {
    ctx.addIssue({ code: 'custom', path: [path], message: 'Enter an amount like 12.34' });
    return z.NEVER;
  }
  return minor;
}
