import { Readable } from 'node:stream';
import {
  admitUserCall,
  authenticate,
  paidPages,
  EXPORT_COST,
  exportTransactionsCsv,
  RetryAfter,
  exportTransactionsQuery,
  type Actor,
  type ApiDeps,
} from '@budget/api';
import { TRPCError } from '@trpc/server';
import type { FastifyPluginCallback } from 'fastify';
import { sendError } from '../trpc-error-envelope.ts';

export interface ExportRouteOptions {
  deps: ApiDeps;
}

/**
 * GET /export/transactions.csv?from&to&accountId with the Bearer access token: the caller's
 * transactions as RFC 4180 CSV, streamed with backpressure (a page is read only when the socket
 * has taken the previous one). It is paid for from the user's rate limit (EXPORT_COST to start,
 * then each page as it goes) and holds one of their in-flight slots until the response ends.
 */
export const exportRoute: FastifyPluginCallback<ExportRouteOptions> = (app, { deps }, done) => {
  app.get('/export/transactions.csv', async (request, reply) => {
    const query = exportTransactionsQuery.safeParse(request.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      return sendError(
        reply,
        400,
        `Invalid query: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    const authorization = request.headers.authorization ?? null;
    let actor: Actor;
    try {
      const release = await admitUserCall(deps, authorization, EXPORT_COST);
      if (release !== null) reply.raw.once('close', release);
      const { user, loginId } = await authenticate(deps, authorization);
      actor = { db: deps.db, user, loginId, log: request.log };
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') {
        return sendError(reply, 401, error.message);
      }
      if (error instanceof TRPCError && error.code === 'TOO_MANY_REQUESTS') {
        const wait = error.cause instanceof RetryAfter ? error.cause.seconds : 1;
        return sendError(reply.header('retry-after', String(wait)), 429, error.message);
      }
      throw error;
    }
    const pages = paidPages(deps, actor.user.id, exportTransactionsCsv(actor, query.data));
    const stream = Readable.from(pages, { objectMode: false });
    stream.on('error', (error) => {
      request.log.error({ err: error }, 'export failed mid-stream');
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="transactions.csv"')
      .header('cache-control', 'no-store')
      .send(stream);
  });
  done();
};
