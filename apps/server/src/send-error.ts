import type { FastifyReply } from 'fastify';

const codeByStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors raised outside tRPC (body limit, origin check, …) in tRPC's error envelope. */
export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  const code = codeByStatus[status] ?? 'INTERNAL_SERVER_ERROR';
  return reply
    .code(status)
    .send({ error: { message, code: -32600, data: { code, httpStatus: status } } });
}
