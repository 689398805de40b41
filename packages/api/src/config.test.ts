import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './config.ts';

describe('parseEnv', () => {
  it('fills every default from an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      DATA_DIR: '.data',
      HOST: '127.0.0.1',
      PORT: 4000,
      LOG_LEVEL: 'info',
      ACCESS_TOKEN_TTL: 3600,
      REFRESH_TOKEN_TTL: 7 * 86_400,
      SESSION_MAX_AGE: 30 * 86_400,
      CORS_ORIGINS: ['http://localhost:3000', 'http://localhost:5173', 'http://localhost:5174'],
      DB_POOL_MAX: 10,
      TRUST_PROXY: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('parses durations, origins and numbers', () => {
    const env = parseEnv({
      ACCESS_TOKEN_TTL: '15m',
      REFRESH_TOKEN_TTL: '12h',
      SESSION_MAX_AGE: '90d',
      CORS_ORIGINS: ' https://app.example.com , https://admin.example.com/ ',
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/budget',
    });
    expect(env.ACCESS_TOKEN_TTL).toBe(900);
    expect(env.REFRESH_TOKEN_TTL).toBe(43_200);
    expect(env.SESSION_MAX_AGE).toBe(90 * 86_400);
    expect(env.CORS_ORIGINS).toEqual(['https://app.example.com', 'https://admin.example.com']);
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgres://u:p@db:5432/budget');
  });

  it('treats an empty DATABASE_URL as unset (embedded database)', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['ACCESS_TOKEN_TTL', { ACCESS_TOKEN_TTL: 'forever' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'not a url' }],
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
