import type { BudgetProgress, User } from '@budget/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpUser, httpUserWithAccount } from './testing/http-user.ts';
import { errorCodeOf, mutate, query, useTestServer } from './testing/index.ts';

const server = useTestServer();

afterEach(() => {
  vi.useRealTimers();
});

describe('auth.updateProfile timeZone over HTTP', () => {
  it('stores an IANA zone in its canonical spelling; auth.me returns it', async () => {
    const user = await httpUser(server.app, 'tz-set');
    expect((await user.query<User>('auth.me')).timeZone).toBe('UTC');
    const updated = await user.mutate<User>('auth.updateProfile', {
      timeZone: 'america/new_york',
    });
    expect(updated.timeZone).toBe('America/New_York');
    expect((await user.query<User>('auth.me')).timeZone).toBe('America/New_York');
  });

  it('an unknown zone, an offset or control characters: 400 naming timeZone, nothing changed', async () => {
    const user = await httpUser(server.app, 'tz-bad');
    for (const timeZone of ['Mars/Olympus_Mons', '+02:00', 'UTC\u0000', '', 42]) {
      const response = await mutate(
        server.app,
        'auth.updateProfile',
        { timeZone },
        { token: user.token },
      );
      expect(response.statusCode).toBe(400);
      const { data } = response.json<{
        error: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } };
      }>().error;
      expect(data.code).toBe('BAD_REQUEST');
      expect(Object.keys(data.zodError.fieldErrors)).toEqual(['timeZone']);
    }
    expect((await user.query<User>('auth.me')).timeZone).toBe('UTC');
  });

  it('needs a token', async () => {
    const response = await mutate(server.app, 'auth.updateProfile', { timeZone: 'UTC' });
    expect(response.statusCode).toBe(401);
    expect(errorCodeOf(response)).toBe('UNAUTHORIZED');
  });
});

describe("budgets.progress without `on` is the user's today", () => {
  it('at Sunday 12:00 UTC, Kiritimati (UTC+14) is in the next ISO week, UTC−12 still in this one', async () => {
    const ahead = await httpUserWithAccount(server.app, 'tz-ahead');
    const behind = await httpUserWithAccount(server.app, 'tz-behind');
    await ahead.mutate('auth.updateProfile', { timeZone: 'Pacific/Kiritimati' });
    await behind.mutate('auth.updateProfile', { timeZone: 'Etc/GMT+12' });
    for (const user of [ahead, behind]) {
      const categories = await user.query<{ id: string; name: string }[]>('categories.list', {
        kind: 'expense',
      });
      const [category] = categories;
      if (category === undefined) throw new Error('a new user has expense categories');
      await user.mutate('budgets.create', {
        categoryId: category.id,
        amount: 10_000,
        period: 'weekly',
        startsOn: '2025-01-06',
      });
    }

    // Sunday 2025-03-02 12:00 UTC: Monday 02:00 in Kiritimati, Sunday 00:00 at UTC−12.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-02T12:00:00Z'));
    const progressOf = async (token: string) => {
      const response = await query(server.app, 'budgets.progress', undefined, { token });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ result: { data: BudgetProgress[] } }>().result.data;
    };
    const [aheadWeek] = await progressOf(ahead.token);
    const [behindWeek] = await progressOf(behind.token);
    vi.useRealTimers();

    expect(aheadWeek).toMatchObject({ periodStart: '2025-03-03', periodEnd: '2025-03-09' });
    expect(behindWeek).toMatchObject({ periodStart: '2025-02-24', periodEnd: '2025-03-02' });
  });
});
