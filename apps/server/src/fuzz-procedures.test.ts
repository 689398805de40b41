import { randomUUID } from 'node:crypto';
import { appRouter } from '@budget/api';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dataOf, mutate, query, registerOverHttp, useTestServer } from './testing/index.ts';

/**
 * Generative fuzzing of every procedure of the router over HTTP: inputs built from each
 * procedure's own zod input schema (valid values, values at and past its bounds) and around it
 * (wrong types, unknown keys, hostile text, random JSON). Whatever comes in, the answer is never a
 * 500 and always a JSON body, and the server keeps answering. FUZZ_RUNS sets the cases per
 * procedure (default 150; a long run: FUZZ_RUNS=5000).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Owned {
  accountId: string;
  categoryId: string;
}

const hostileText = fc.constantFrom(
  '',
  ' ',
  'a\u0000b',
  '\u0007bell',
  'line\nbreak',
  '=HYPERLINK("x")',
  "'; drop table users; --",
  '💸'.repeat(300),
  'x'.repeat(5_000),
  '%00',
  '../../etc/passwd',
);
const edgeDates = fc.constantFrom(
  '0000-01-01',
  '1899-12-31',
  '1900-01-01',
  '2000-02-29',
  '2001-02-29',
  '2999-12-31',
  '3000-01-01',
  '9999-12-31',
  '2026-13-01',
  '2026-11-30T00:00:00Z',
);
const edgeNumbers = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  1.5,
  1e12,
  -1e12,
  1e12 + 1,
  2 ** 53 - 1,
  -(2 ** 53),
  1e308,
  Number.MAX_SAFE_INTEGER,
);

/** Values for one JSON-schema node: mostly what it describes, sometimes just past it. */
function valueFor(schema: JsonSchema, owned: Owned, depth = 0): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((option) => valueFor(option, owned, depth + 1)));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date') return fc.oneof(edgeDates, fc.constant('2026-11-15'));
      if (schema.format === 'email') {
        return fc.oneof(
          fc.nat().map((n) => `fuzz-${n}-${randomUUID()}@example.test`),
          fc.string({ maxLength: 30 }),
        );
      }
      if (schema.format === 'uuid') {
        return fc.constantFrom(owned.accountId, owned.categoryId, randomUUID(), 'not-a-uuid');
      }
      return fc.oneof(
        fc.string({ maxLength: schema.maxLength ?? 40 }),
        hostileText,
        fc.constant('x'.repeat((schema.maxLength ?? 100) + 1)),
      );
    case 'integer':
    case 'number':
      return fc.oneof(
        edgeNumbers,
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.constant(schema.minimum ?? 0),
        fc.constant(schema.maximum ?? 100),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(valueFor(schema.items ?? {}, owned, depth + 1), { maxLength: 4 });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (depth > 3 || properties.length === 0) return fc.constant({});
      return fc.record(
        Object.fromEntries(
          properties.map(([key, property]) => [key, valueFor(property, owned, depth + 1)]),
        ),
        { requiredKeys: [] },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Inputs for one procedure: from its schema, that plus an unknown key, or anything at all. */
function inputsFor(schema: z.ZodType | undefined, owned: Owned): fc.Arbitrary<unknown> {
  if (schema === undefined) return fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const fromSchema = valueFor(json, owned);
  return fc.oneof(
    { weight: 6, arbitrary: fromSchema },
    {
      weight: 1,
      arbitrary: fromSchema.map((value) =>
        value !== null && typeof value === 'object' ? { ...value, ownerId: randomUUID() } : value,
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function expectHandled(response: LightMyRequestResponse, path: string, input: unknown): void {
  const context = `${path} ${input === undefined ? 'no input' : JSON.stringify(input).slice(0, 300)}`;
  expect(response.statusCode, context).toBeLessThan(500);
  expect(() => JSON.parse(response.body) as unknown, context).not.toThrow();
}

const server = useTestServer();
const procedures = Object.entries(appRouter._def.procedures);

describe('fuzzing every procedure over HTTP', () => {
  it.each(procedures.map(([path]) => path))('%s: never a 500, always JSON', async (path) => {
    const procedure = procedures.find(([name]) => name === path)?.[1] as unknown as {
      _def: { type: 'query' | 'mutation'; inputs: z.ZodType[] };
    };
    // A user of its own per procedure: logout, password and deletion calls may end it.
    const { session } = await registerOverHttp(server.app, 'fuzz');
    const token = session.accessToken;
    const account = dataOf<{ id: string }>(
      await mutate(server.app, 'accounts.create', { name: 'Fuzz', type: 'checking' }, { token }),
    );
    const categories = dataOf<{ id: string }[]>(
      await query(server.app, 'categories.list', {}, { token }),
    );
    const [category] = categories;
    const owned = { accountId: account.id, categoryId: category?.id ?? randomUUID() };
    const send = procedure._def.type === 'query' ? query : mutate;
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(
        inputsFor(procedure._def.inputs[0], owned),
        fc.boolean(),
        async (input, signedIn) => {
          const response = await send(server.app, path, input, signedIn ? { token } : {});
          expectHandled(response, path, input);
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`${path}: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    // Still up, still itself.
    const health = await query(server.app, 'health.check');
    expect(health.statusCode).toBe(200);
  });
});
