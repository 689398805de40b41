import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { admitUserCall } from '@budget/api';
import { describe, expect, it } from 'vitest';
import {
  dataOf,
  errorCodeOf,
  mutate,
  query,
  registerOverHttp,
  useTestServer,
} from './testing/index.ts';

// SPEC §3, fairness: one user cannot slow the service for the others. Every refusal below is
// TOO_MANY_REQUESTS in tRPC's JSON envelope with a Retry-After header, and touches only the user
// who went over.

const off = { perSecond: 0, burst: 0 };

function expectRefused(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(429);
  expect(errorCodeOf(response)).toBe('TOO_MANY_REQUESTS');
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

/** A batched GET of `paths`, each with its input, as @trpc/client's batch link sends it. */
function batch(app: FastifyInstance, calls: [string, unknown][], token: string) {
  const input = Object.fromEntries(calls.map(([, each], index) => [index, each]));
  return app.inject({
    method: 'GET',
    url: `/trpc/${calls.map(([path]) => path).join(',')}?batch=1&input=${encodeURIComponent(
      JSON.stringify(input),
    )}`,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The tRPC error code of each call of a batch response, or 'OK'. */
function batchOutcomes(response: LightMyRequestResponse): string[] {
  return response
    .json<{ error?: { data?: { code?: string } } }[]>()
    .map((entry) => entry.error?.data?.code ?? 'OK');
}

const exportCsv = (app: FastifyInstance, token: string) =>
  app.inject({
    method: 'GET',
    url: '/export/transactions.csv',
    headers: { authorization: `Bearer ${token}` },
  });

const wideTrend = { from: '2000-01-01', to: '2009-12-31', granularity: 'month' };

describe('per-user in-flight cap', () => {
  const server = useTestServer({
    deps: { userRateLimit: off, userInFlightLimit: { concurrent: 1, queue: 0, maxWaitMs: 0 } },
  });

  it('refuses a user’s calls beyond the cap with 429 and Retry-After, and serves another user meanwhile', async () => {
    const busy = (await registerOverHttp(server.app, 'busy')).session.accessToken;
    const calm = (await registerOverHttp(server.app, 'calm')).session.accessToken;
    // The busy user's one slot is held, as by a long call (PGlite answers too fast to overlap).
    const release = await admitUserCall(server.deps, `Bearer ${busy}`, 1);
    try {
      const [calmResponse, busyCall, busyBatch] = await Promise.all([
        query(server.app, 'auth.me', undefined, { token: calm }),
        query(server.app, 'reports.trend', wideTrend, { token: busy }),
        batch(
          server.app,
          Array.from({ length: 3 }, (): [string, unknown] => ['reports.trend', wideTrend]),
          busy,
        ),
      ]);
      expect(calmResponse.statusCode).toBe(200);
      expectRefused(busyCall);
      expect(batchOutcomes(busyBatch)).toEqual([
        'TOO_MANY_REQUESTS',
        'TOO_MANY_REQUESTS',
        'TOO_MANY_REQUESTS',
      ]);
      expect(Number(busyBatch.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      release?.();
    }
    expect((await query(server.app, 'reports.trend', wideTrend, { token: busy })).statusCode).toBe(
      200,
    );
  });

  it('gives a CSV export one of the user’s slots: calls and exports alongside it are refused', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    const release = await admitUserCall(server.deps, `Bearer ${token}`, 1);
    try {
      expectRefused(await exportCsv(server.app, token));
    } finally {
      release?.();
    }
    // An export in progress holds the slot until its response closes.
    const [exported, calls] = await Promise.all([
      exportCsv(server.app, token),
      batch(
        server.app,
        Array.from({ length: 3 }, (): [string, unknown] => ['reports.trend', wideTrend]),
        token,
      ),
    ]);
    const served =
      (exported.statusCode === 200 ? 1 : 0) +
      batchOutcomes(calls).filter((code) => code === 'OK').length;
    const refused =
      (exported.statusCode === 429 ? 1 : 0) +
      batchOutcomes(calls).filter((code) => code === 'TOO_MANY_REQUESTS').length;
    // One slot for four callers: each is served or refused, never anything else.
    expect(served + refused).toBe(4);
    expect(served).toBeGreaterThanOrEqual(1);
  });

  it('frees the slot when a call ends, failed calls and finished exports included', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    for (let round = 0; round < 3; round += 1) {
      expect((await query(server.app, 'accounts.byId', { id: 'nope' }, { token })).statusCode).toBe(
        400,
      );
      expect((await exportCsv(server.app, token)).statusCode).toBe(200);
      expect((await query(server.app, 'auth.me', undefined, { token })).statusCode).toBe(200);
    }
  });
});

describe('calls beyond the in-flight cap wait their turn briefly', () => {
  const server = useTestServer({
    deps: { userRateLimit: off, userInFlightLimit: { concurrent: 1, queue: 10, maxWaitMs: 5_000 } },
  });

  it('serves a batch of ten, one call at a time', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    const response = await batch(
      server.app,
      Array.from({ length: 10 }, (): [string, unknown] => ['reports.trend', wideTrend]),
      token,
    );
    expect(batchOutcomes(response)).toEqual(Array.from({ length: 10 }, () => 'OK'));
  });
});

describe('per-user rate limit', () => {
  // 10 points, refilled over 10 s: nothing comes back during a test.
  const server = useTestServer({ deps: { userRateLimit: { perSecond: 1, burst: 10 } } });

  it('charges heavy procedures more than plain calls', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    expect((await query(server.app, 'reports.trend', wideTrend, { token })).statusCode).toBe(200);
    // A trend costs 8 of the 10 points: a second one is refused, two plain calls still pass.
    expectRefused(await query(server.app, 'reports.trend', wideTrend, { token }));
    expect((await query(server.app, 'auth.me', undefined, { token })).statusCode).toBe(200);
    expect((await query(server.app, 'accounts.list', {}, { token })).statusCode).toBe(200);
    expectRefused(await query(server.app, 'auth.me', undefined, { token }));
    const other = (await registerOverHttp(server.app, 'other')).session.accessToken;
    expect((await query(server.app, 'reports.trend', wideTrend, { token: other })).statusCode).toBe(
      200,
    );
  });

  it('counts every call of a batch', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    const response = await batch(
      server.app,
      Array.from({ length: 10 }, (): [string, unknown] => ['auth.me', undefined]),
      token,
    );
    expect(batchOutcomes(response).slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 'OK'));
    const more = await batch(
      server.app,
      [
        ['auth.me', undefined],
        ['accounts.list', {}],
      ],
      token,
    );
    expect(batchOutcomes(more)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(more.headers['retry-after']).toBeDefined();
  });

  it('decides before reading the input: an over-limit call is refused, not validated', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    for (let call = 0; call < 10; call += 1) {
      expect((await query(server.app, 'auth.me', undefined, { token })).statusCode).toBe(200);
    }
    expectRefused(await query(server.app, 'reports.trend', { from: 'not a date' }, { token }));
  });

  it('charges the CSV export to the same limit, and refuses it in the JSON envelope', async () => {
    const token = (await registerOverHttp(server.app)).session.accessToken;
    // The export costs 20 points: more than the burst of 10, so it takes the whole burst.
    expect((await exportCsv(server.app, token)).statusCode).toBe(200);
    expectRefused(await exportCsv(server.app, token));
    expectRefused(await query(server.app, 'auth.me', undefined, { token }));
  });
});

describe('a long CSV export', () => {
  // 2 points, refilled every 2 s: starting the export takes both, each page of 1 000 rows one.
  const server = useTestServer({ deps: { userRateLimit: { perSecond: 1, burst: 2 } } });

  it('pays for its pages as it streams them, at the pace of the user’s rate', async () => {
    const owner = await userWithLongLedger(server.app);
    const started = performance.now();
    const response = await exportCsv(server.app, owner.token);
    const seconds = (performance.now() - started) / 1000;
    expect(response.statusCode).toBe(200);
    // The header, then 2 500 rows: four chunks, paid over at least one more window.
    expect(response.body.trim().split('\r\n')).toHaveLength(2_501);
    expect(seconds).toBeGreaterThanOrEqual(1.5);
  });
});

/** A user with 2 500 transactions, imported in one call, each call in a window of its own. */
async function userWithLongLedger(app: FastifyInstance) {
  const token = (await registerOverHttp(app)).session.accessToken;
  const account = dataOf<{ id: string }>(
    await mutate(app, 'accounts.create', { name: 'Bulk', type: 'checking' }, { token }),
  );
  await waitForTheNextWindow();
  const rows = Array.from(
    { length: 2_500 },
    (_, index) => `2025-0${1 + (index % 9)}-1${index % 10},-${1 + index}.00,Shop ${index}`,
  );
  const csv = ['date,amount,payee', ...rows].join('\n');
  const mapping = {
    delimiter: ',',
    hasHeader: true,
    date: { column: 'date', format: 'YYYY-MM-DD' },
    amount: { column: 'amount' },
    decimalSeparator: '.',
    payee: 'payee',
  };
  const imported = dataOf<{ imported: number }>(
    await mutate(app, 'imports.commit', { accountId: account.id, csv, mapping }, { token }),
  );
  expect(imported.imported).toBe(2_500);
  await waitForTheNextWindow();
  return { token };
}

/** The 2 s window of the tight limit above ends: its points are back. */
const waitForTheNextWindow = () => new Promise((resolve) => setTimeout(resolve, 2_100));
