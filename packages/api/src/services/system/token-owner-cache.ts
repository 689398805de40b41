import { decodeJwt } from 'jose';
import type { AuthSettings } from '../../deps.ts';
import { verifyAccessToken } from '../auth/access-tokens.ts';

/** Tokens remembered per signing setup; the oldest is forgotten beyond this. */
const MAX_TOKENS = 10_000;

interface Owner {
  userId: string;
  expiresAtMs: number;
}

const caches = new WeakMap<AuthSettings, Map<string, Owner>>();

/**
 * The user an access token was signed for, or null when it does not verify. The fairness limits
 * ask this on every call, refused ones included, so a token whose signature checked out once is
 * remembered until it expires (a map lookup instead of a signature check). It answers only whose
 * share a call is charged to: authentication still checks the token and the live session itself.
 */
export async function tokenOwner(auth: AuthSettings, token: string): Promise<string | null> {
  let cache = caches.get(auth);
  if (cache === undefined) {
    cache = new Map();
    caches.set(auth, cache);
  }
  const known = cache.get(token);
  if (known !== undefined && known.expiresAtMs > Date.now()) return known.userId;
  if (known !== undefined) cache.delete(token);

  const claims = await verifyAccessToken(auth, token);
  if (claims === null) return null;
  const { exp } = decodeJwt(token);
  if (exp === undefined) return claims.userId;
  if (cache.size >= MAX_TOKENS) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(token, { userId: claims.userId, expiresAtMs: exp * 1000 });
  return claims.userId;
}
