import type { Session } from '@budget/api';
import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import type { FastifyInstance } from 'fastify';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/index.ts';

/** A promise with its resolve function, to hold a request open until the test lets it go. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request over its own connection. `keepAlive: false` sends `Connection: close`, as a
 * client that does not reuse connections would; `agent` lets a client keep its connection open.
 */
function request(
  url: string,
  { method = 'GET', body, agent }: { method?: string; body?: unknown; agent?: Agent } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(url, {
      method,
      agent: agent ?? false,
      headers: {
        ...(agent === undefined ? { connection: 'close' } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The status of a new request, or 'refused' when the server no longer accepts connections. */
async function statusOrRefused(url: string): Promise<number | 'refused'> {
  try {
    return (await request(url)).status;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return 'refused';
    throw error;
  }
}

/** Waits until close has stopped the listening socket (it runs after the preClose hooks). */
async function stoppedListening(app: FastifyInstance): Promise<void> {
  while (app.server.listening) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves to 'closed' when `closing` settles first, else 'still open' after `ms`. */
async function settlesWithin(
  closing: Promise<unknown>,
  ms: number,
): Promise<'closed' | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still open'>((resolve) => {
    timer = setTimeout(resolve, ms, 'still open');
  });
  try {
    return await Promise.race([closing.then(() => 'closed' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('graceful shutdown', () => {
  let server: TestServer | undefined;
  let releaseHeldRequest: () => void = () => undefined;
  afterEach(async () => {
    releaseHeldRequest();
    await server?.close();
    server = undefined;
  });

  /**
   * A server set up as main.ts does (the database pool is destroyed in onClose), plus a /slow
   * route that waits for the test and then queries the database.
   */
  async function startServer() {
    server = await startTestServer();
    const { app, deps } = server;
    const entered = deferred();
    const release = deferred();
    releaseHeldRequest = release.resolve;
    const events: string[] = [];

    app.get('/slow', async () => {
      entered.resolve();
      await release.promise;
      const users = await deps.db.selectFrom('users').select('id').execute();
      events.push('slow request answered');
      return { users: users.length };
    });
    app.addHook('onClose', async () => {
      await deps.db.destroy();
      events.push('database closed');
    });

    return { app, deps, baseUrl: await listen(app), entered, release, events };
  }

  it('lets an in-flight request finish with 200 while refusing new ones', async () => {
    const { app, baseUrl, entered, release } = await startServer();

    const slow = request(`${baseUrl}/slow`);
    await entered.promise;
    const closing = app.close();
    await stoppedListening(app);

    expect([503, 'refused']).toContain(await statusOrRefused(`${baseUrl}/health`));

    release.resolve();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ users: 0 });
    await closing;
  });

  it('closes the database pool only after in-flight requests are answered', async () => {
    const { app, deps, baseUrl, entered, release, events } = await startServer();

    const slow = request(`${baseUrl}/slow`);
    await entered.promise;
    const closing = app.close();
    await stoppedListening(app);
    // Closing is under way, yet the database must stay open for the held request.
    expect(events).toEqual([]);

    release.resolve();
    expect((await slow).status).toBe(200);
    await closing;

    expect(events).toEqual(['slow request answered', 'database closed']);
    await expect(deps.db.selectFrom('users').select('id').execute()).rejects.toThrow();
  });

  it('completes a registration that is in flight through tRPC when shutdown begins', async () => {
    const { app, deps, baseUrl, events } = await startServer();
    const email = uniqueEmail('shutdown');
    const arrived = deferred();
    app.server.once('request', () => {
      arrived.resolve();
    });

    const registration = request(`${baseUrl}/trpc/auth.register`, {
      method: 'POST',
      body: { email, password: TEST_PASSWORD },
    });
    await arrived.promise;
    const closing = app.close();

    const response = await registration;
    expect(response.status).toBe(200);
    const { result } = JSON.parse(response.body) as { result: { data: Session } };
    expect(result.data.user.email).toBe(email);
    await closing;
    expect(events).toEqual(['database closed']);
    await expect(deps.db.selectFrom('users').select('id').execute()).rejects.toThrow();
  });

  it('finishes closing promptly when the in-flight request came on a keep-alive connection', async () => {
    const { app, baseUrl, entered, release, events } = await startServer();
    const agent = new Agent({ keepAlive: true });
    try {
      const slow = request(`${baseUrl}/slow`, { agent });
      await entered.promise;
      const closing = app.close();
      await stoppedListening(app);

      release.resolve();
      const response = await slow;
      expect(response.status).toBe(200);
      // The server must not keep the connection open for its keep-alive timeout (72 s).
      expect(response.headers.connection).toBe('close');
      expect(await settlesWithin(closing, 2_000)).toBe('closed');
      expect(events).toEqual(['slow request answered', 'database closed']);
    } finally {
      agent.destroy();
    }
  });
});
