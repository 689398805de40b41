import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { FastifyReply } from 'fastify';

const codeKeyByStatus = new Map<number, TRPC_ERROR_CODE_KEY>(
  (Object.keys(TRPC_ERROR_CODES_BY_KEY) as TRPC_ERROR_CODE_KEY[])
    // 400 is BAD_REQUEST; PARSE_ERROR shares the status but names tRPC's own parsing.
    .filter((key) => key !== 'PARSE_ERROR')
    .map((key) => [getHTTPStatusCodeFromError(new TRPCError({ code: key })), key]),
);

/** Statuses tRPC has no code for: an over-long URL or header block is a request too large. */
codeKeyByStatus.set(414, 'PAYLOAD_TOO_LARGE');
codeKeyByStatus.set(431, 'PAYLOAD_TOO_LARGE');

function codeKeyFor(status: number): TRPC_ERROR_CODE_KEY {
  return codeKeyByStatus.get(status) ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR');
}

export interface ErrorEnvelope {
  error: {
    message: string;
    code: number;
    data: { code: TRPC_ERROR_CODE_KEY; httpStatus: number };
  };
}

/** tRPC's JSON error envelope, for errors raised outside tRPC (body limit, origin check, …). */
export function errorEnvelope(status: number, message: string): ErrorEnvelope {
  const key = codeKeyFor(status);
  return {
    error: { message, code: TRPC_ERROR_CODES_BY_KEY[key], data: { code: key, httpStatus: status } },
  };
}

export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send(errorEnvelope(status, message));
}
