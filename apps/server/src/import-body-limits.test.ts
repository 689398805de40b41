import { Readable } from 'node:stream';
import type { ImportPreview, User } from '@budget/api';
import { MAX_CSV_LENGTH } from '@budget/api/schemas';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { IMPORT_BODY_LIMIT } from './plugins/body-limits.ts';
import { httpUserWithAccount } from './testing/http-user.ts';
import { mutate, useTestServer } from './testing/index.ts';

const server = useTestServer();
const KIB = 1024;

/** The tRPC error envelope, as a procedure's own errors have it. */
function expectTooLarge(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(413);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toEqual({
    error: {
      message: expect.stringMatching(/larger than \d+ bytes/) as unknown,
      code: -32013,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
    },
  });
}

/** A bank statement of `bytes` characters: short CRLF lines with umlauts, as German banks write. */
function shortLineStatement(bytes: number): string {
  const header = 'Buchungstag;Empfänger;Verwendungszweck;Betrag\r\n';
  const lines = [header];
  let length = header.length;
  for (let row = 0; ; row += 1) {
    const day = String((row % 28) + 1).padStart(2, '0');
    const line = `${day}.01.2024;Bäcker ${row % 997};Brötchen Nr. ${row};-${(row % 900) + 1},50\r\n`;
    if (length + line.length > bytes - 100) break;
    lines.push(line);
    length += line.length;
  }
  const last = (purpose: string) => `28.01.2024;Bäcker;${purpose};-1,00\r\n`;
  lines.push(last('x'.repeat(bytes - length - last('').length)));
  return lines.join('');
}

describe('the import body limit applies to imports.preview and imports.commit alone', () => {
  it('a 200 KiB body to any other procedure is a 413 in the tRPC JSON envelope, nothing run', async () => {
    const user = await httpUserWithAccount(server.app, 'limit-other');
    const big = 'x'.repeat(200 * KIB);
    for (const [path, input] of [
      [
        'transactions.create',
        { accountId: user.accountId, amount: -1, occurredOn: '2025-01-01', note: big },
      ],
      ['auth.updateProfile', { displayName: big }],
      ['imports.undo', { importId: big }],
    ] as const) {
      const response = await mutate(server.app, path, input, { token: user.token });
      expectTooLarge(response);
    }
    // Sent chunked, without a Content-Length: counted as it arrives.
    const chunked = await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.updateProfile',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: Readable.from([JSON.stringify({ displayName: big })]),
    });
    expectTooLarge(chunked);
    expect((await user.query<User>('auth.me')).displayName).not.toBe(big);
    expect(await user.query('transactions.list', {})).toMatchObject({ items: [] });
  });

  it('a whole 2 MiB statement of short CRLF lines and umlauts is accepted by imports.preview', async () => {
    // Its JSON body is well over 2 MiB: every \r\n is written as four bytes, each ä as two.
    const user = await httpUserWithAccount(server.app, 'limit-full', { currency: 'EUR' });
    const csv = shortLineStatement(MAX_CSV_LENGTH);
    expect(csv.length).toBe(MAX_CSV_LENGTH);
    const body = JSON.stringify({ accountId: user.accountId, csv });
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_CSV_LENGTH + 64 * KIB);
    const preview = await user.mutate<ImportPreview>('imports.preview', {
      accountId: user.accountId,
      csv,
    });
    expect(preview.mapping).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
    expect(preview.summary.total).toBe(csv.split('\r\n').length - 2);
    expect(preview.summary.errors).toBe(0);
  });

  it('a CSV one character over 2 MiB is a 400 naming csv; a body over the import limit a 413', async () => {
    const user = await httpUserWithAccount(server.app, 'limit-over');
    const over = await mutate(
      server.app,
      'imports.preview',
      { accountId: user.accountId, csv: 'x'.repeat(MAX_CSV_LENGTH + 1) },
      { token: user.token },
    );
    expect(over.statusCode).toBe(400);
    expect(
      Object.keys(
        over.json<{ error: { data: { zodError: { fieldErrors: object } } } }>().error.data.zodError
          .fieldErrors,
      ),
    ).toEqual(['csv']);
    for (const path of ['imports.preview', 'imports.commit']) {
      const response = await mutate(
        server.app,
        path,
        { accountId: user.accountId, csv: 'x'.repeat(IMPORT_BODY_LIMIT) },
        { token: user.token },
      );
      expectTooLarge(response);
    }
  });
});
