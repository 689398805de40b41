import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv, type Env } from '@budget/api';

export interface ServerConfig {
  env: Env;
  jwtSecret: Uint8Array;
}

/** The one place the server reads process.env. Throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): ServerConfig {
  const env = parseEnv(source);
  const secret = env.JWT_SECRET ?? developmentSecret(env.DATA_DIR);
  return { env, jwtSecret: new TextEncoder().encode(secret) };
}

/** Outside production a random secret is made once and kept in DATA_DIR, so logins survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
