import { describe, expect, it } from 'vitest';
import { appRouter } from '../../root.ts';
import { defaultUserRateLimit } from '../../deps.ts';
import { EXPORT_COST, PROCEDURE_COSTS, procedureCost } from './request-costs.ts';

describe('request costs', () => {
  it('name only procedures that exist, so a renamed one cannot silently become cheap', () => {
    const procedures = Object.keys(appRouter._def.procedures);
    for (const path of Object.keys(PROCEDURE_COSTS)) expect(procedures).toContain(path);
  });

  it('fit in the default burst, so every call can pass on a fresh limit', () => {
    for (const cost of [...Object.values(PROCEDURE_COSTS), EXPORT_COST]) {
      expect(Number.isInteger(cost) && cost >= 1).toBe(true);
      expect(cost).toBeLessThanOrEqual(defaultUserRateLimit.burst);
    }
  });

  it('charge one point for a procedure not listed', () => {
    expect(procedureCost('transactions.list')).toBe(1);
    expect(procedureCost('reports.trend')).toBeGreaterThan(1);
  });
});
