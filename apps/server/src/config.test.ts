import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@budget/api';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('makes a development signing secret once and keeps it in DATA_DIR', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'budget-config-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret.byteLength).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(second.jwtSecret).equals(Buffer.from(first.jwtSecret))).toBe(true);
    const file = path.join(dataDir, 'jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(first.jwtSecret).toString());
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('uses JWT_SECRET when given', () => {
    const secret = 's'.repeat(40);
    const config = loadConfig({ JWT_SECRET: secret, NODE_ENV: 'production' });
    expect(Buffer.from(config.jwtSecret).toString()).toBe(secret);
  });
});

describe('server variables', () => {
  const secret = { JWT_SECRET: 's'.repeat(40) };

  it('reads host settings, with their defaults', () => {
    expect(loadConfig(secret).server).toEqual({
      HOST: '127.0.0.1',
      PORT: 4000,
      LOG_LEVEL: 'info',
      CORS_ORIGINS: ['http://localhost:3000', 'http://localhost:5173', 'http://localhost:5174'],
      TRUST_PROXY: false,
    });
  });

  it('names bad host and API variables together in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DB_POOL_MAX: 'many' })).toThrow(
      /^Invalid configuration: DB_POOL_MAX: .*; PORT: /,
    );
  });

  describe('CORS_ORIGINS', () => {
    it('accepts full origins and normalises them', () => {
      const { server } = loadConfig({
        ...secret,
        CORS_ORIGINS:
          ' https://app.example.com , https://admin.example.com/ ,http://localhost:5173',
      });
      expect(server.CORS_ORIGINS).toEqual([
        'https://app.example.com',
        'https://admin.example.com',
        'http://localhost:5173',
      ]);
    });

    it.each([
      ['no scheme (would become the origin "null")', 'localhost:5173'],
      ['the opaque origin', 'null'],
      ['a path', 'https://app.example.com/app'],
      ['a query', 'https://app.example.com/?a=1'],
      ['another scheme', 'ftp://files.example.com'],
      ['credentials', 'https://user:pw@app.example.com'],
      ['no URL at all', 'not a url'],
    ])('stops on an entry with %s, naming CORS_ORIGINS and the entry', (_, bad) => {
      const value = `https://ok.example.com,${bad}`;
      expect(() => loadConfig({ ...secret, CORS_ORIGINS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...secret, CORS_ORIGINS: value })).toThrow(
        `Invalid configuration: CORS_ORIGINS: "${bad}" is not an origin`,
      );
    });
  });

  describe('TRUST_PROXY', () => {
    const trustProxy = (value: string) => loadConfig({ ...secret, TRUST_PROXY: value }).server;

    it.each([
      ['false', false],
      ['', false],
      ['0', false],
      ['1', 1],
      ['2', 2],
      ['10.0.0.1', ['10.0.0.1']],
      [
        '10.0.0.0/8, 192.168.1.7 ,::1,fd00::/8,loopback',
        ['10.0.0.0/8', '192.168.1.7', '::1', 'fd00::/8', 'loopback'],
      ],
    ])('reads %j', (value, expected) => {
      expect(trustProxy(value).TRUST_PROXY).toEqual(expected);
    });

    it('refuses true (trust every hop) with a clear message', () => {
      expect(() => trustProxy('true')).toThrow(
        /^Invalid configuration: TRUST_PROXY: true would trust every hop/,
      );
    });

    it.each(['yes', '10.0.0.0/33', '300.1.1.1', '10.0.0.1,', 'proxy.example.com', '-1'])(
      'refuses %j naming TRUST_PROXY',
      (value) => {
        expect(() => trustProxy(value)).toThrow(/^Invalid configuration: TRUST_PROXY: /);
      },
    );
  });
});
