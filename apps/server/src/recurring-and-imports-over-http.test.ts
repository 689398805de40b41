import { describe, expect, it } from 'vitest';
import {
  dataOf,
  errorCodeOf,
  mutate,
  query,
  registerOverHttp,
  useTestServer,
} from './testing/index.ts';

const server = useTestServer();

/** A signed-in user with a checking account, over HTTP. */
async function signedInWithAccount() {
  const { session } = await registerOverHttp(server.app, 'http-user');
  const token = session.accessToken;
  const account = dataOf<{ id: string }>(
    await mutate(server.app, 'accounts.create', { name: 'Checking', type: 'checking' }, { token }),
  );
  return { token, accountId: account.id };
}

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A CSV of `rows` distinct lines, padded to about `bytes` with a long note column. */
function statement(rows: number, bytes = 0): string {
  const note = 'n'.repeat(Math.max(0, Math.floor(bytes / rows) - 40));
  const lines = Array.from(
    { length: rows },
    (_, index) =>
      `2026-10-${String((index % 28) + 1).padStart(2, '0')},-${index + 1}.25,Shop ${index},${note}`,
  );
  return ['date,amount,payee,note', ...lines].join('\n');
}

describe('body limits per procedure', () => {
  it('refuses 200 KiB for an ordinary call, takes 1.5 MiB for an import, refuses 2.5 MiB', async () => {
    const { token, accountId } = await signedInWithAccount();
    const ordinary = await mutate(
      server.app,
      'transactions.create',
      { accountId, amount: -1, occurredOn: '2026-11-01', note: 'x'.repeat(200 * 1024) },
      { token },
    );
    expect(ordinary.statusCode).toBe(413);

    const large = statement(100, 1.5 * 1024 * 1024);
    const preview = await mutate(
      server.app,
      'imports.preview',
      { accountId, csv: large },
      { token },
    );
    expect(preview.statusCode, preview.body.slice(0, 300)).toBe(200);
    expect(dataOf<{ summary: { total: number } }>(preview).summary.total).toBe(100);

    const tooLarge = statement(100, 2.5 * 1024 * 1024);
    const refused = await mutate(
      server.app,
      'imports.preview',
      { accountId, csv: tooLarge },
      { token },
    );
    expect(refused.statusCode).toBe(413);
    expect(errorCodeOf(refused)).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('recurring entries over HTTP', () => {
  it('a rule started three days ago has written its entries by the time it is created', async () => {
    const { token, accountId } = await signedInWithAccount();
    const rule = dataOf<{ id: string; nextOn: string }>(
      await mutate(
        server.app,
        'recurring.create',
        {
          accountId,
          amount: -999,
          payee: 'Daily coffee',
          frequency: 'daily',
          startsOn: daysAgo(3),
        },
        { token },
      ),
    );
    const list = dataOf<{ items: { recurringId: string | null; amount: number }[] }>(
      await query(server.app, 'transactions.list', { limit: 100 }, { token }),
    );
    const made = list.items.filter((item) => item.recurringId === rule.id);
    // Three days ago through today, in UTC (the user's default time zone).
    expect(made).toHaveLength(4);
    expect(made.every((item) => item.amount === -999)).toBe(true);
    // The forecast: the next 30 days' occurrences, none of those already written.
    const upcoming = dataOf<{ ruleId: string; on: string }[]>(
      await query(server.app, 'recurring.upcoming', {}, { token }),
    ).filter((entry) => entry.ruleId === rule.id);
    expect(upcoming.length).toBeGreaterThanOrEqual(29);
    expect(upcoming.every((entry) => entry.on > daysAgo(0))).toBe(true);
  });
});

describe('CSV import over HTTP', () => {
  it('commits, writes nothing on a re-import, and undoes exactly its rows', async () => {
    const { token, accountId } = await signedInWithAccount();
    const csv = statement(5);
    const { mapping } = dataOf<{ mapping: unknown }>(
      await mutate(server.app, 'imports.preview', { accountId, csv }, { token }),
    );
    const first = dataOf<{ importId: string; imported: number }>(
      await mutate(server.app, 'imports.commit', { accountId, csv, mapping }, { token }),
    );
    expect(first.imported).toBe(5);
    const again = dataOf<{ imported: number; duplicates: number }>(
      await mutate(server.app, 'imports.commit', { accountId, csv, mapping }, { token }),
    );
    expect(again).toMatchObject({ imported: 0, duplicates: 5 });

    const balance = async () =>
      dataOf<{ balance: number }>(
        await query(server.app, 'accounts.byId', { id: accountId }, { token }),
      ).balance;
    expect(await balance()).toBe(-(1.25 + 2.25 + 3.25 + 4.25 + 5.25) * 100);
    const undone = dataOf<{ removed: number }>(
      await mutate(server.app, 'imports.undo', { importId: first.importId }, { token }),
    );
    expect(undone.removed).toBe(5);
    expect(await balance()).toBe(0);
  });
});
