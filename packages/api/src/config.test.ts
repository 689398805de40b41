import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ENV_KEYS, ConfigError, parseEnv, parseEnvSchemas } from './config.ts';

describe('parseEnv', () => {
  it('fills every default from an empty environment', () => {
    const env = parseEnv({});
    expect(env).toEqual({
      NODE_ENV: 'development',
      DATA_DIR: '.data',
      ACCESS_TOKEN_TTL: 3600,
      REFRESH_TOKEN_TTL: 7 * 86_400,
      SESSION_MAX_AGE: 30 * 86_400,
      REFRESH_REUSE_GRACE: 10,
      USER_RATE_LIMIT: 20,
      USER_IN_FLIGHT_LIMIT: 2,
      DB_POOL_MAX: 10,
    });
  });

  it('ignores host settings: those belong to the server', () => {
    const env = parseEnv({ HOST: '0.0.0.0', PORT: 'eighty', TRUST_PROXY: 'true', LOG_LEVEL: 'x' });
    for (const hostOnly of ['HOST', 'PORT', 'CORS_ORIGINS', 'TRUST_PROXY', 'LOG_LEVEL']) {
      expect(env).not.toHaveProperty(hostOnly);
    }
  });

  it('lists every variable it reads', () => {
    expect([...API_ENV_KEYS].sort()).toEqual(
      [
        'ACCESS_TOKEN_TTL',
        'DATABASE_URL',
        'DATA_DIR',
        'DB_POOL_MAX',
        'JWT_SECRET',
        'NODE_ENV',
        'REFRESH_REUSE_GRACE',
        'REFRESH_TOKEN_TTL',
        'SESSION_MAX_AGE',
        'USER_RATE_LIMIT',
        'USER_IN_FLIGHT_LIMIT',
      ].sort(),
    );
  });

  it('parses durations and numbers', () => {
    const env = parseEnv({
      ACCESS_TOKEN_TTL: '15m',
      REFRESH_TOKEN_TTL: '12h',
      SESSION_MAX_AGE: '90d',
      REFRESH_REUSE_GRACE: '30s',
      USER_RATE_LIMIT: '0',
      USER_IN_FLIGHT_LIMIT: '0',
      DB_POOL_MAX: '25',
      DATABASE_URL: 'postgres://u:p@db:5432/budget',
    });
    expect(env.ACCESS_TOKEN_TTL).toBe(900);
    expect(env.REFRESH_TOKEN_TTL).toBe(43_200);
    expect(env.SESSION_MAX_AGE).toBe(90 * 86_400);
    expect(env.REFRESH_REUSE_GRACE).toBe(30);
    expect(env.USER_RATE_LIMIT).toBe(0);
    expect(env.USER_IN_FLIGHT_LIMIT).toBe(0);
    expect(env.DB_POOL_MAX).toBe(25);
    expect(env.DATABASE_URL).toBe('postgres://u:p@db:5432/budget');
  });

  it('treats an empty DATABASE_URL as unset (embedded database)', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['ACCESS_TOKEN_TTL', { ACCESS_TOKEN_TTL: 'forever' }],
    ['REFRESH_REUSE_GRACE', { REFRESH_REUSE_GRACE: 'ten seconds' }],
    ['USER_RATE_LIMIT', { USER_RATE_LIMIT: '-1' }],
    ['USER_RATE_LIMIT', { USER_RATE_LIMIT: '2.5' }],
    ['USER_IN_FLIGHT_LIMIT', { USER_IN_FLIGHT_LIMIT: '-1' }],
    ['USER_IN_FLIGHT_LIMIT', { USER_IN_FLIGHT_LIMIT: 'four' }],
    ['DB_POOL_MAX', { DB_POOL_MAX: '0' }],
    ['JWT_SECRET', { JWT_SECRET: 'too short' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
  ])('names %s in one clear error when it is bad', (variable, env) => {
    expect(() => parseEnv(env)).toThrow(ConfigError);
    expect(() => parseEnv(env)).toThrow(new RegExp(`^Invalid configuration: ${variable}: `));
  });

  it('accepts production with a 32-byte secret', () => {
    const env = parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(env.JWT_SECRET).toHaveLength(32);
  });
});

describe('parseEnvSchemas', () => {
  it('names the bad variables of every schema in one message', () => {
    const host = z.object({ PORT: z.coerce.number().int() });
    expect(() =>
      parseEnvSchemas(
        { host, api: z.object({ DB_POOL_MAX: z.coerce.number() }) },
        {
          PORT: 'x',
          DB_POOL_MAX: 'y',
        },
      ),
    ).toThrow(/^Invalid configuration: PORT: .*; DB_POOL_MAX: /);
  });
});
