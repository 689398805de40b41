import type { ApiDeps, Logger } from './deps.ts';

export interface RequestInfo {
  /** The client's address, used to key rate limits. */
  ip: string;
  userAgent: string | null;
  authorization: string | null;
  refreshTokenCookie: string | null;
}

/** How the host hands the refresh token to browsers as an HttpOnly cookie. */
export interface RefreshCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  deps: ApiDeps;
  request: RequestInfo;
  refreshCookie: RefreshCookie;
  /** This request's logger (it carries the request id); the deps' logger outside HTTP. */
  log: Logger;
}

const ignore = (): void => undefined;
const noCookie: RefreshCookie = { set: ignore, clear: ignore };

export function createContext(
  deps: ApiDeps,
  request: Partial<RequestInfo> = {},
  refreshCookie: RefreshCookie = noCookie,
  log: Logger = deps.logger,
): Context {
  return {
    log,
    deps,
    request: {
      ip: request.ip ?? 'local',
      userAgent: request.userAgent ?? null,
      authorization: request.authorization ?? null,
      refreshTokenCookie: request.refreshTokenCookie ?? null,
    },
    refreshCookie,
  };
}
