import { DATABASE_RETRY_AFTER_SECONDS } from '@budget/api';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { createTestDeps, TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { createDb, type Db } from '@budget/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import {
  errorCodeOf,
  mutate,
  query,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
} from './testing/index.ts';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore like a network outage. */
class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on 127.0.0.1, on the port of the previous run if there was one. */
  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const [socket, other] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(socket);
        socket.pipe(other);
        socket.on('error', () => other.destroy());
        socket.on('close', () => {
          this.sockets.delete(socket);
          other.destroy();
        });
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Drops every open connection and refuses new ones. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  }
}

/** Polls `check` until it holds or `ms` pass, for events that arrive asynchronously. */
async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('readiness while PostgreSQL goes away and comes back', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let proxiedDb: Db;
  let app: FastifyInstance;
  const connectionErrors: Error[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const { databaseUrl } = server.testDb;
    if (databaseUrl === undefined) throw new Error('This test needs PostgreSQL (DATABASE_URL)');

    const direct = new URL(databaseUrl);
    proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.start();
    const viaProxy = new URL(databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;

    proxiedDb = createDb({
      databaseUrl: viaProxy.toString(),
      onConnectionError: (error) => connectionErrors.push(error),
    });
    app = await buildServer({
      deps: createTestDeps(proxiedDb),
      corsOrigins: [TEST_ORIGIN],
      secureCookies: false,
    });
  });

  afterAll(async () => {
    await app.close();
    await proxiedDb.destroy();
    await proxy.stop();
    await server.close();
  });

  const ready = () => app.inject({ method: 'GET', url: '/ready' });
  const databaseHealth = async () =>
    (await query(app, 'health.check')).json<{ result: { data: { database: string } } }>().result
      .data.database;

  it('is ready (200) while the database is reachable', async () => {
    const response = await ready();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
    expect(await databaseHealth()).toBe('ok');
  });

  it('answers 503 while the database is unreachable, and health.check reports it down', async () => {
    // A query is in flight when the connection drops: it fails, the process carries on.
    const inFlight = proxiedDb
      .selectNoFrom((eb) => eb.fn('pg_sleep', [eb.val(30)]).as('slept'))
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await proxy.stop();
    await expect(inFlight).rejects.toThrow();

    const response = await ready();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unreachable' });

    const health = await query(app, 'health.check');
    expect(health.statusCode).toBe(200);
    expect(await databaseHealth()).toBe('down');
  });

  it('answers a procedure that needs the database with 503 and Retry-After, not 500', async () => {
    const response = await mutate(app, 'auth.login', {
      email: uniqueEmail(),
      password: TEST_PASSWORD,
    });
    expect(response.statusCode).toBe(503);
    expect(errorCodeOf(response)).toBe('SERVICE_UNAVAILABLE');
    expect(response.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });

  it('routes dropped-connection errors to onConnectionError instead of crashing', async () => {
    expect(await eventually(() => connectionErrors.length > 0)).toBe(true);
    expect(connectionErrors.every((error) => error instanceof Error)).toBe(true);
  });

  it('is ready (200) again once the database is back, without a restart', async () => {
    await proxy.start();
    const response = await ready();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
    expect(await databaseHealth()).toBe('ok');
  });
});
