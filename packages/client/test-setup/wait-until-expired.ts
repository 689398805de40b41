import type { StoredTokens } from '../src/token-store.ts';

/** Waits until the access token has expired (JWT `exp` has a one-second resolution). */
export async function waitUntilExpired(tokens: StoredTokens | null): Promise<void> {
  const expiresAt = Date.parse(tokens?.accessTokenExpiresAt ?? '');
  if (Number.isNaN(expiresAt)) throw new Error('No access token expiry to wait for');
  const wait = expiresAt - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
