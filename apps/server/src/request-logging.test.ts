import { Writable } from 'node:stream';
import type { Session } from '@budget/api';
import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { REFRESH_COOKIE_NAME } from './refresh-cookie.ts';
import { dataOf, mutate, query, startTestServer, type TestServer } from './testing/index.ts';

interface LogEntry {
  level: number;
  msg: string;
  reqId?: string;
  [key: string]: unknown;
}

/** A pino destination that keeps every line in memory. */
function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    stream,
    text: () => lines.join('\n'),
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry),
  };
}

/** Logs the full headers of requests and replies: the redaction list alone must keep secrets out. */
const headerSerializers = {
  req: (req: { method?: string; url?: string; headers?: unknown }) => ({
    method: req.method,
    url: req.url,
    headers: req.headers,
  }),
  res: (reply: { statusCode: number; getHeaders?: () => unknown }) => ({
    statusCode: reply.statusCode,
    headers: reply.getHeaders?.(),
  }),
};

/**
 * Exercises every way a secret travels: passwords in bodies, access tokens in the
 * Authorization header, refresh tokens in bodies, Set-Cookie and Cookie. Returns those secrets
 * and the request ids the server answered with.
 */
async function signInJourney(app: TestServer['app']) {
  const email = uniqueEmail('logged');
  const secrets: string[] = [TEST_PASSWORD];
  const requestIds: string[] = [];
  const track = <T extends { headers: Record<string, unknown> }>(response: T): T => {
    requestIds.push(String(response.headers['x-request-id']));
    return response;
  };
  const keep = (session: Session) => {
    secrets.push(session.accessToken, session.refreshToken);
    return session;
  };

  const registered = keep(
    dataOf<Session>(track(await mutate(app, 'auth.register', { email, password: TEST_PASSWORD }))),
  );
  const loggedIn = keep(
    dataOf<Session>(track(await mutate(app, 'auth.login', { email, password: TEST_PASSWORD }))),
  );
  const cookie = { cookie: `${REFRESH_COOKIE_NAME}=${loggedIn.refreshToken}` };
  const refreshed = keep(
    dataOf<Session>(track(await mutate(app, 'auth.refresh', undefined, { headers: cookie }))),
  );
  dataOf(track(await query(app, 'auth.me', undefined, { token: refreshed.accessToken })));
  // A reused refresh token revokes its login and is logged as a warning.
  const reuse = track(
    await mutate(app, 'auth.refresh', { refreshToken: loggedIn.refreshToken }, { headers: cookie }),
  );
  expect(reuse.statusCode).toBe(401);
  const wrongPassword = `${TEST_PASSWORD}!wrong`;
  secrets.push(wrongPassword);
  track(await mutate(app, 'auth.login', { email, password: wrongPassword }));
  dataOf(
    track(
      await mutate(
        app,
        'auth.logout',
        { refreshToken: registered.refreshToken },
        { token: registered.accessToken, headers: cookie },
      ),
    ),
  );
  return { secrets, requestIds };
}

function expectNoSecrets(logText: string, secrets: readonly string[]): void {
  expect(logText.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(logText).not.toContain(secret);
    // The secret part of a token (JWT signature, refresh token's random half) on its own.
    expect(logText).not.toContain(secret.split('.').at(-1));
  }
  expect(logText).not.toMatch(/Bearer\s/);
}

describe('request logging', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  /** A server logging as main.ts does, into memory, after a full sign-in journey. */
  async function loggedJourney(extra: { serializers?: typeof headerSerializers } = {}) {
    const log = memoryLog();
    // As in main.ts: one logger for the server and the API's own log lines.
    const logger = createLogger({ level: 'info', ...extra }, log.stream);
    const server = await startTestServer({ logger, deps: { logger } });
    servers.push(server);
    return { log, ...(await signInJourney(server.app)) };
  }

  describe('with the production logger options', () => {
    let journey: Awaited<ReturnType<typeof loggedJourney>>;
    beforeAll(async () => {
      journey = await loggedJourney();
    });

    it('tags every request log line with the request id sent back in x-request-id', () => {
      const requestLines = journey.log.entries().filter((entry) => entry.reqId !== undefined);
      expect(requestLines.map((entry) => entry.msg)).toEqual(
        expect.arrayContaining(['incoming request', 'request completed']),
      );
      const loggedIds = new Set(requestLines.map((entry) => entry.reqId));
      for (const id of journey.requestIds) expect(loggedIds).toContain(id);
    });

    it('never logs a password, access token, refresh token or cookie value', () => {
      expectNoSecrets(journey.log.text(), journey.secrets);
      // The API's own lines are covered too: the refresh-token reuse warning was written.
      const warnings = journey.log.entries().filter((entry) => entry.level === 40);
      expect(warnings.map((entry) => entry.msg)).toContainEqual(expect.stringContaining('reused'));
    });
  });

  it('censors Authorization, Cookie and Set-Cookie even when a serializer logs full headers', async () => {
    const { log, secrets } = await loggedJourney({ serializers: headerSerializers });
    expectNoSecrets(log.text(), secrets);

    const headersOf = (key: 'req' | 'res') =>
      log.entries().flatMap((entry) => {
        const part = entry[key] as { headers?: Record<string, unknown> } | undefined;
        return part?.headers === undefined ? [] : [part.headers];
      });
    // Proves the serializers ran, so the absence of secrets is the redaction's doing.
    expect(headersOf('req').some((h) => h.authorization === '[Redacted]')).toBe(true);
    expect(headersOf('req').some((h) => h.cookie === '[Redacted]')).toBe(true);
    expect(headersOf('res').some((h) => h['set-cookie'] === '[Redacted]')).toBe(true);
  });
});
