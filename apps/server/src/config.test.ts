import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
