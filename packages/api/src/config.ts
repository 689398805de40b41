import { z } from 'zod';

const duration = z
  .string()
  .trim()
  .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration such as 900s, 15m, 1h or 7d')
  .transform(parseDurationSeconds);

function parseDurationSeconds(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  const amount = Number(match?.[1]);
  const unitSeconds = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 }[match?.[2] as 'ms'];
  return Math.max(1, Math.round(amount * unitSeconds));
}

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: optionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    JWT_SECRET: optionalString.pipe(
      z
        .string()
        .refine((value) => Buffer.byteLength(value) >= 32, 'must be at least 32 bytes')
        .optional(),
    ),
    ACCESS_TOKEN_TTL: duration.default(3600),
    REFRESH_TOKEN_TTL: duration.default(7 * 86_400),
    SESSION_MAX_AGE: duration.default(30 * 86_400),
    CORS_ORIGINS: z
      .string()
      .default('http://localhost:3000,http://localhost:5173,http://localhost:5174')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(z.array(z.url().transform((origin) => new URL(origin).origin))),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((value) => value === 'true' || value === '1'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required when NODE_ENV=production (at least 32 bytes)',
      });
    }
  });

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once. A bad value throws one message naming every bad variable. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
