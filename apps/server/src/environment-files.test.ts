import { readFileSync } from 'node:fs';
import { API_ENV_KEYS } from '@budget/api';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVER_ENV_KEYS } from './config.ts';

const repoFile = (name: string) =>
  readFileSync(new URL(`../../../${name}`, import.meta.url), 'utf8');

/** Every variable a config schema reads (the API's, which budget-admin shares, and the host's). */
const CONFIG_KEYS = [...API_ENV_KEYS, ...SERVER_ENV_KEYS].sort();
/** Read by docker-compose.yml itself, not by the processes. */
const COMPOSE_ONLY_KEYS = ['POSTGRES_PASSWORD'];

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();

describe('turbo.json', () => {
  // Turbo's strict env mode drops every variable a task does not declare.
  const turbo = JSON.parse(repoFile('turbo.json')) as {
    globalEnv?: string[];
    tasks: Record<string, { env?: string[] }>;
  };

  it.each(['dev', 'start', 'test'])('passes every config variable to the %s task', (task) => {
    const declared = sorted([...(turbo.globalEnv ?? []), ...(turbo.tasks[task]?.env ?? [])]);
    expect(declared).toEqual(CONFIG_KEYS);
  });
});

describe('docker-compose.yml', () => {
  interface Service {
    image?: string;
    build?: unknown;
    environment?: Record<string, unknown>;
    healthcheck?: { test?: string[] };
  }
  const compose = parse(repoFile('docker-compose.yml'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const { migrate, server } = compose.services;

  it('gives the server every config variable', () => {
    expect(sorted(Object.keys(server?.environment ?? {}))).toEqual(CONFIG_KEYS);
  });

  it('gives migrations every variable the API reads', () => {
    expect(sorted(Object.keys(migrate?.environment ?? {}))).toEqual(sorted(API_ENV_KEYS));
  });

  it('builds one image, which the server reuses', () => {
    expect(migrate?.build).toBeDefined();
    expect(server?.build).toBeUndefined();
    expect(server?.image).toBe(migrate?.image);
  });

  it('checks the server’s health with /ready', () => {
    expect(server?.healthcheck?.test?.join(' ')).toContain('/ready');
  });

  it('interpolates only variables .env.example documents', () => {
    const interpolated = [...repoFile('docker-compose.yml').matchAll(/\$\{([A-Z_]+)/g)].map(
      (match) => match[1] ?? '',
    );
    const documented = new Set([...CONFIG_KEYS, ...COMPOSE_ONLY_KEYS]);
    expect(interpolated.filter((key) => !documented.has(key))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = repoFile('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));

  it('checks health with /ready', () => {
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/ready/);
  });

  it('copies no sources into the runtime image: bundles and production dependencies only', () => {
    const copies = runtime.split('\n').filter((line) => line.startsWith('COPY'));
    expect(copies.length).toBeGreaterThan(0);
    for (const line of copies) expect(line).toMatch(/--from=(prod-deps \/app|build \S+\/dist) /);
    const prodDeps = dockerfile.slice(
      dockerfile.indexOf('AS prod-deps'),
      dockerfile.lastIndexOf('FROM '),
    );
    expect(prodDeps).not.toMatch(/COPY \. /);
    expect(prodDeps).toContain('--prod');
  });
});

describe('.env.example', () => {
  it('lists every config variable and POSTGRES_PASSWORD', () => {
    const listed = [...repoFile('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map(
      (match) => match[1] ?? '',
    );
    expect(sorted(listed)).toEqual(sorted([...CONFIG_KEYS, ...COMPOSE_ONLY_KEYS]));
  });
});
