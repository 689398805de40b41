import { randomBytes } from 'node:crypto';
import type { CsvMapping } from '@budget/api';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { httpUserWithAccount } from './testing/http-user.ts';
import { mutate, useTestServer } from './testing/index.ts';

const server = useTestServer();

const mapping: CsvMapping = {
  delimiter: ',',
  hasHeader: false,
  date: { column: 0, format: 'YYYY-MM-DD' },
  amount: { column: 1 },
  decimalSeparator: '.',
  payee: 2,
};

/** Everything the user owns that an import could have written. */
async function writtenBy(ownerId: string) {
  const { db } = server.deps;
  const count = async (table: 'transactions' | 'imports') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('ownerId', '=', ownerId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { transactions: await count('transactions'), imports: await count('imports') };
}

/** A 4xx in the tRPC JSON envelope: { error: { message, code, data: { code, httpStatus } } }. */
function expectCleanRefusal(response: LightMyRequestResponse, status: number, label: string) {
  expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const { error } = response.json<{
    error: { message: string; data: { httpStatus: number; code: string; stack?: string } };
  }>();
  expect(error.data.httpStatus).toBe(status);
  expect(error.message.length).toBeLessThan(500);
  expect(error.data.stack).toBeUndefined();
  return error;
}

const hostileFiles: [label: string, csv: string][] = [
  ['a 2 MiB single line', 'x'.repeat(2 * 1024 * 1024)],
  // Each of these held the event loop for seconds in csv-parse before the size check.
  ['a 2 MiB line of delimiters', ','.repeat(2 * 1024 * 1024 - 1)],
  ['a million one-character lines', 'x\n'.repeat(1024 * 1024 - 1)],
  ['60 000 rows of 10 empty cells', ',,,,,,,,,\n'.repeat(60_000)],
  ['a quote that never closes', '2024-01-01,"5,Shop\n2024-01-02,6,Other\n'],
  ['a stray quote inside a field', '2024-01-01,5,Sh"op\n2024-01-02,6,Other\n'],
  // The parser's message quotes the field: the answer stays short (random bytes found this).
  ['a stray quote after a 3 000-character field', `2024-01-01,5,${'x'.repeat(3000)}"y\n`],
  ['binary with NUL bytes', `\u0000\u0001\u0002${randomBytes(512).toString('latin1')}`],
];

describe('hostile CSV over HTTP: a clean 4xx and nothing written', () => {
  it.each(hostileFiles)('%s', async (label, csv) => {
    const user = await httpUserWithAccount(server.app, 'hostile');
    const calls = [
      ['imports.preview', { accountId: user.accountId, csv }],
      ['imports.preview', { accountId: user.accountId, csv, mapping }],
      ['imports.commit', { accountId: user.accountId, csv, mapping }],
    ] as const;
    for (const [path, input] of calls) {
      const response = await mutate(server.app, path, input, { token: user.token });
      const error = expectCleanRefusal(response, 400, `${label} → ${path}`);
      expect(error.data.code).toBe('BAD_REQUEST');
    }
    expect(await writtenBy(user.userId)).toEqual({ transactions: 0, imports: 0 });
  });

  it('random bytes as the CSV text: refused or every row an error, never a write', async () => {
    const user = await httpUserWithAccount(server.app, 'hostile-random');
    // Bytes 1–255 (no NUL) as text: no dates, no amounts, maybe no consistent columns.
    const bytes = randomBytes(64 * 1024).map((byte) => (byte === 0 ? 1 : byte));
    const csv = Buffer.from(bytes).toString('latin1');
    const preview = await mutate(
      server.app,
      'imports.preview',
      { accountId: user.accountId, csv },
      { token: user.token },
    );
    expectCleanRefusal(preview, 400, 'detection');
    const commit = await mutate(
      server.app,
      'imports.commit',
      { accountId: user.accountId, csv, mapping },
      { token: user.token },
    );
    if (commit.statusCode === 200) {
      expect(commit.json()).toMatchObject({ result: { data: { importId: null, imported: 0 } } });
    } else {
      expectCleanRefusal(commit, 400, 'commit');
    }
    expect(await writtenBy(user.userId)).toEqual({ transactions: 0, imports: 0 });
  });

  it('a body that is not JSON, or not UTF-8, is a 400 in the same envelope', async () => {
    const user = await httpUserWithAccount(server.app, 'hostile-body');
    const inject = (payload: Buffer | string, contentType = 'application/json') =>
      server.app.inject({
        method: 'POST',
        url: '/trpc/imports.commit',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
        payload,
      });
    const binary = randomBytes(256 * 1024);
    expectCleanRefusal(await inject(binary), 400, 'binary body');
    const truncated = JSON.stringify({ accountId: user.accountId, csv: 'a,b\n', mapping });
    expectCleanRefusal(await inject(truncated.slice(0, -10)), 400, 'truncated JSON');
    // Invalid UTF-8 inside the JSON string: decoded with replacement characters, then no date.
    const invalidUtf8 = Buffer.concat([
      Buffer.from(`{"accountId":"${user.accountId}","csv":"2024-01-01,`),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(`"}`),
    ]);
    const response = await server.app.inject({
      method: 'POST',
      url: '/trpc/imports.preview',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: invalidUtf8,
    });
    expectCleanRefusal(response, 400, 'invalid UTF-8');
    // The CSV sent as a raw text/csv body is not a tRPC call: 415 or 400, never a write.
    const raw = await inject('2024-01-01,5,Shop\n', 'text/csv');
    expect([400, 415]).toContain(raw.statusCode);
    expect(await writtenBy(user.userId)).toEqual({ transactions: 0, imports: 0 });
  });
});
