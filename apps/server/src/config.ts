import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { apiEnvSchema, parseEnvSchemas, type Env } from '@budget/api';
import { z } from 'zod';

const ORIGIN_HINT = 'expected http(s)://host[:port] with no path';

/** The origin as browsers send it in the Origin header, or undefined when `text` is not one. */
function exactOrigin(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  const plain =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  return plain ? url.origin : undefined;
}

const corsOrigins = z
  .string()
  .default('http://localhost:3000,http://localhost:5173,http://localhost:5174')
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const origins: string[] = [];
    for (const entry of entries) {
      const origin = exactOrigin(entry);
      if (origin === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin; ${ORIGIN_HINT}` });
      } else origins.push(origin);
    }
    return origins;
  });

/** proxy-addr's names for the reserved ranges, accepted by Fastify's trustProxy list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const TRUST_PROXY_HINT =
  'expected false, the number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses/CIDRs';

/** false, a hop count, or the trusted proxies: Fastify's trustProxy takes each as it is. */
export type TrustProxy = false | number | string[];

const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): TrustProxy => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message: `true would trust every hop, so any client could forge its address; ${TRUST_PROXY_HINT}`,
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !isProxyAddress(entry));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not valid; ${TRUST_PROXY_HINT}` });
      return z.NEVER;
    }
    return entries;
  });

/** What only the HTTP host needs: where to listen, whom to trust, how loudly to log. */
export const serverEnvSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: corsOrigins,
  TRUST_PROXY: trustProxy,
});

export type ServerEnv = z.output<typeof serverEnvSchema>;

/** The variables only the server reads; the API reads API_ENV_KEYS. */
export const SERVER_ENV_KEYS = Object.keys(serverEnvSchema.shape) as (keyof ServerEnv)[];

export interface ServerConfig {
  api: Env;
  server: ServerEnv;
  jwtSecret: Uint8Array;
}

/** The one place the server reads process.env. Throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): ServerConfig {
  const { api, server } = parseEnvSchemas({ api: apiEnvSchema, server: serverEnvSchema }, source);
  const secret = api.JWT_SECRET ?? developmentSecret(api.DATA_DIR);
  return { api, server, jwtSecret: new TextEncoder().encode(secret) };
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
