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

/** What the API and its database need, whichever process hosts them (server or budget-admin). */
export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: optionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
    JWT_SECRET: optionalString.pipe(
      z
        .string()
        .refine((value) => Buffer.byteLength(value) >= 32, 'must be at least 32 bytes')
        .optional(),
    ),
    ACCESS_TOKEN_TTL: duration.default(3600),
    REFRESH_TOKEN_TTL: duration.default(7 * 86_400),
    SESSION_MAX_AGE: duration.default(30 * 86_400),
    /** How long a rotated refresh token still answers concurrent refreshes (SPEC §4). */
    REFRESH_REUSE_GRACE: duration.default(10),
    /**
     * Authenticated requests per second per user (a heavy call counts as several); 0 turns the
     * limit off.
     */
    USER_RATE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(20),
    /** Authenticated calls of one user running at once per process; 0 turns the cap off. */
    USER_IN_FLIGHT_LIMIT: z.coerce.number().int().min(0).max(1_000).default(2),
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

export type Env = z.output<typeof apiEnvSchema>;

/** Every variable the API reads, for turbo.json, docker-compose.yml and .env.example checks. */
export const API_ENV_KEYS = Object.keys(apiEnvSchema.shape) as (keyof Env)[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type EnvSource = Record<string, string | undefined>;

/**
 * Parses the environment with each schema at once. A bad value anywhere throws one ConfigError
 * naming every bad variable.
 */
export function parseEnvSchemas<const Schemas extends Record<string, z.ZodType>>(
  schemas: Schemas,
  source: EnvSource,
): { [Name in keyof Schemas]: z.output<Schemas[Name]> } {
  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    const result = schema.safeParse(source);
    if (result.success) parsed[name] = result.data;
    else {
      problems.push(
        ...result.error.issues.map(
          (issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`,
        ),
      );
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed as { [Name in keyof Schemas]: z.output<Schemas[Name]> };
}

/** Parses the API's variables once. A bad value throws one message naming every bad variable. */
export function parseEnv(source: EnvSource): Env {
  return parseEnvSchemas({ api: apiEnvSchema }, source).api;
}
