import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDeps } from '@budget/api/testing';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import { webApp } from './plugins/web-app.ts';

let root: string;
let testDb: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-dist-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  testDb = await createTestDatabase();
  app = await buildServer({
    deps: createTestDeps(testDb.db),
    corsOrigins: [],
    secureCookies: false,
  });
  await app.register(webApp, { root });
});

afterAll(async () => {
  await app.close();
  await testDb.destroy();
  await rm(root, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('web app plugin', () => {
  it('serves index.html at / and for the app routes a reload asks for', async () => {
    for (const url of ['/', '/transactions?kind=expense', '/settings']) {
      const response = await app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('keeps the API answering: tRPC, health, and JSON 404s for unknown API paths', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const health = await app.inject({ url: '/trpc/health.check', headers: html });
    expect(health.json()).toMatchObject({ result: { data: { status: 'ok' } } });
    const unknown = await app.inject({ url: '/trpc/no.such', headers: html });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/json');
    const missingAsset = await app.inject({ url: '/assets/gone.js' });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.headers['content-type']).toContain('application/json');
  });
});
