import type { RefreshCookie } from '@budget/api';
import type { FastifyReply } from 'fastify';

export const REFRESH_COOKIE_NAME = 'budget_refresh';
const COOKIE_PATH = '/trpc';

export function refreshCookieFor(reply: FastifyReply, secure: boolean): RefreshCookie {
  const options = { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure } as const;
  return {
    set(token, expiresAt) {
      reply.setCookie(REFRESH_COOKIE_NAME, token, { ...options, expires: expiresAt });
    },
    clear() {
      reply.clearCookie(REFRESH_COOKIE_NAME, options);
    },
  };
}
