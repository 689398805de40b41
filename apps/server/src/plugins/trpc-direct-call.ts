import { getErrorShape, getTRPCErrorFromUnknown, type AnyTRPCRouter } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a direct call needs of the tRPC options the adapter gets as well. */
export interface DirectCallOptions<Context> {
  router: AnyTRPCRouter;
  createContext: (opts: { req: FastifyRequest; res: FastifyReply }) => Context;
  onError: (opts: {
    error: ReturnType<typeof getTRPCErrorFromUnknown>;
    path: string;
    req: FastifyRequest;
  }) => void;
  /** Headers an error answer carries (Retry-After). */
  errorHeaders: (error: ReturnType<typeof getTRPCErrorFromUnknown>) => Record<string, string>;
}

interface DirectProcedure {
  _def: { type: string };
  (opts: unknown): Promise<unknown>;
}

const NOT_A_DIRECT_CALL = Symbol('not a direct call');

/** The raw input of a plain call, or NOT_A_DIRECT_CALL when tRPC's own handler should decide. */
function rawInputOf(req: FastifyRequest, type: string): unknown {
  if (req.method === 'GET' && type === 'query') {
    const { input } = req.query as { input?: unknown };
    if (input === undefined) return undefined;
    if (typeof input !== 'string') return NOT_A_DIRECT_CALL;
    return parseJson(input);
  }
  if (req.method === 'POST' && type === 'mutation') {
    if (req.headers['content-type']?.toLowerCase().split(';', 1)[0] !== 'application/json') {
      return NOT_A_DIRECT_CALL;
    }
    const { body } = req as { body?: unknown };
    if (body === undefined || body === '') return undefined;
    return typeof body === 'string' ? parseJson(body) : NOT_A_DIRECT_CALL;
  }
  return NOT_A_DIRECT_CALL;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_A_DIRECT_CALL;
  }
}

/**
 * Answers a single, unbatched call of a query (GET) or mutation (POST with a JSON body) straight
 * from the router, skipping the adapter's conversion to a fetch Request and back. The answer is
 * byte for byte what tRPC's handler gives; every other request (batches, streams, bad JSON,
 * unknown paths, wrong methods) returns false and goes to that handler.
 */
export async function answerDirectCall<Context>(
  options: DirectCallOptions<Context>,
  path: string,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  const query = req.query as Record<string, unknown>;
  if (query.batch !== undefined || req.headers['trpc-accept'] !== undefined) return false;
  const procedures = options.router._def.procedures as Record<string, DirectProcedure | undefined>;
  const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
  if (procedure === undefined) return false;
  const { type } = procedure._def;
  const input = rawInputOf(req, type);
  if (input === NOT_A_DIRECT_CALL) return false;

  void reply.header('vary', 'trpc-accept, accept').type('application/json');
  let ctx: Context | undefined;
  try {
    ctx = options.createContext({ req, res: reply });
    const data = await procedure({
      path,
      type,
      ctx,
      getRawInput: () => Promise.resolve(input),
      signal: undefined,
      batchIndex: 0,
    });
    await reply.code(200).send(JSON.stringify({ result: { data } }));
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    options.onError({ error, path, req });
    const shape: unknown = getErrorShape({
      config: options.router._def._config as Parameters<typeof getErrorShape>[0]['config'],
      error,
      type: type as 'query' | 'mutation',
      path,
      input,
      ctx,
    });
    await reply
      .code(getHTTPStatusCodeFromError(error))
      .headers(options.errorHeaders(error))
      .send(JSON.stringify({ error: shape }));
  }
  return true;
}
