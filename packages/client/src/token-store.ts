/**
 * The tokens the client keeps between calls. In cookie mode there is no `refreshToken`: the
 * browser holds it in an HttpOnly cookie that scripts cannot read.
 */
export interface StoredTokens {
  accessToken: string;
  accessTokenExpiresAt?: string;
  refreshToken?: string;
  refreshTokenExpiresAt?: string;
}

/**
 * Where the client keeps its tokens. The client calls `set` with new tokens after sign-in and
 * every refresh, and `set(null)` when the session is over; persist them here to survive reloads.
 */
export interface TokenStore {
  get(): StoredTokens | null;
  set(tokens: StoredTokens | null): void;
}

/** Tokens kept in memory only, optionally starting from tokens saved earlier. */
export function memoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}
