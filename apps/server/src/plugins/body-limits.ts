import { Transform } from 'node:stream';
import { MAX_CSV_LENGTH } from '@budget/api/schemas';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { sendError } from '../trpc-error-envelope.ts';

/** Every call's body is small, except the CSV text of an import (SPEC §4: up to 2 MiB). */
export const BODY_LIMIT = 100 * 1024;
/**
 * The body of an import: a CSV file of up to 2 MiB as a JSON string, plus the mapping. JSON
 * writes each line break, tab, quote and backslash as two bytes, so a 2 MiB file of short lines
 * needs up to twice its size on the wire; the text's own limit is checked by the input schema
 * (400 naming `csv`). Also Fastify's own limit, the largest body any route takes.
 */
export const IMPORT_BODY_LIMIT = 2 * MAX_CSV_LENGTH + 64 * 1024;
const IMPORT_PATHS = new Set(['/trpc/imports.preview', '/trpc/imports.commit']);

function limitFor(request: FastifyRequest): number {
  const path = request.url.split('?', 1)[0] ?? '';
  return IMPORT_PATHS.has(path) ? IMPORT_BODY_LIMIT : BODY_LIMIT;
}

const tooLarge = (limit: number) =>
  Object.assign(new Error(`Request body is larger than ${limit} bytes`), { statusCode: 413 });

const limitBodies: FastifyPluginCallback = (app, _options, done) => {
  // A declared length over the limit is refused before a byte of the body is read.
  app.addHook('onRequest', async (request, reply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const limit = limitFor(request);
    if (declared > limit) return sendError(reply, 413, tooLarge(limit).message);
  });
  // A body without a declared length (chunked) is counted as it arrives.
  app.addHook('preParsing', async (request, _reply, payload) => {
    // Fastify reads no body for these.
    if (request.method === 'GET' || request.method === 'HEAD') return payload;
    const limit = limitFor(request);
    let received = 0;
    return payload.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, next) {
          received += chunk.length;
          next(received > limit ? tooLarge(limit) : null, chunk);
        },
      }),
    );
  });
  done();
};

/**
 * Body limits per procedure for the scope it is registered in (the tRPC routes): 100 KiB for
 * every call, a 2 MiB CSV file for imports.preview and imports.commit alone, 413 beyond. The server's own
 * `bodyLimit` is IMPORT_BODY_LIMIT, the largest of them.
 */
export const bodyLimits = fastifyPlugin(limitBodies, { name: 'body-limits' });
