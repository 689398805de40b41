import { describe, expect, it } from 'vitest';
import { periodStart } from '../services/planning/periods.ts';
import { todayIn } from '../services/planning/user-today.ts';
import { invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();

describe('timeZone on the user', () => {
  it('a new user is in UTC; updateProfile stores an IANA zone in its canonical spelling', async () => {
    const { session, caller } = await api.signUp('zone');
    expect(session.user.timeZone).toBe('UTC');
    const updated = await caller.auth.updateProfile({ timeZone: 'europe/berlin' });
    expect(updated.timeZone).toBe('Europe/Berlin');
    expect((await caller.auth.me()).timeZone).toBe('Europe/Berlin');
    expect((await caller.auth.updateProfile({ displayName: 'Zed' })).timeZone).toBe(
      'Europe/Berlin',
    );
  });

  it('refuses an unknown zone, an offset string or control characters, changing nothing', async () => {
    const { caller } = await api.signUp('zone-bad');
    for (const timeZone of [
      'Mars/Olympus_Mons',
      '+01:00',
      'Europe/Berlin\u0000',
      '',
      'x'.repeat(65),
    ]) {
      expect(new Set(await invalidFields(caller.auth.updateProfile({ timeZone })))).toEqual(
        new Set(['timeZone']),
      );
    }
    expect((await caller.auth.me()).timeZone).toBe('UTC');
  });

  it('needs a token', async () => {
    await expect(api.anonymous().auth.updateProfile({ timeZone: 'UTC' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it("budgets.progress without `on` uses the user's today in their zone", async () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Etc/GMT+12']) {
      const { caller, food } = await api.signUpWithLedger('zone-budget');
      await caller.auth.updateProfile({ timeZone });
      const today = todayIn(timeZone);
      await caller.budgets.create({ categoryId: food.id, amount: 100, period: 'weekly' });
      const [progress] = await caller.budgets.progress({});
      expect(progress?.periodStart).toBe(periodStart('weekly', today));
      expect(progress?.budget.startsOn).toBe(periodStart('weekly', today));
    }
  });
});

describe('todayIn', () => {
  it('is the calendar date in that zone, not in UTC', () => {
    const instant = new Date('2025-03-01T20:00:00Z');
    expect(todayIn('UTC', instant)).toBe('2025-03-01');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2025-03-02');
    expect(todayIn('America/Los_Angeles', new Date('2025-03-01T05:00:00Z'))).toBe('2025-02-28');
  });
});
