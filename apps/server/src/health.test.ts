import { createTestDeps } from '@budget/api/testing';
import { createDb } from '@budget/db';
import { describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import { dataOf, query, useTestServer } from './testing/index.ts';

const server = useTestServer();

describe('health and readiness', () => {
  it('/health answers 200 while the process lives', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/ready answers 200 when the database is reachable and migrated', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('/ready answers 503 on a database whose migrations were not applied', async () => {
    const db = createDb({});
    const app = await buildServer({
      deps: createTestDeps(db),
      corsOrigins: [],
      secureCookies: false,
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'migrations_pending' });
      const health = dataOf(await query(app, 'health.check'));
      expect(health).toEqual({ status: 'ok', database: 'down', version: 'test' });
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  it('health.check is public and reports the database and version', async () => {
    const health = dataOf(await query(server.app, 'health.check'));
    expect(health).toEqual({ status: 'ok', database: 'ok', version: 'test' });
  });

  it('health.check refuses input it does not take', async () => {
    const response = await query(server.app, 'health.check', { verbose: true });
    expect(response.statusCode).toBe(400);
  });
});
