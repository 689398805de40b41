import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { AuthSettings } from '../../deps.ts';

const ALGORITHM = 'HS256';
/** RFC 9068 media type of an OAuth access token; refuses any other JWT of ours. */
const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenClaims {
  userId: string;
  loginId: string;
}

interface Verifier {
  /** The HMAC key, imported once rather than on every sign and verify. */
  key: KeyObject;
  /**
   * Tokens whose signature and claims were checked, until they expire: a client sends the same
   * token with every call. Whether its login and user are still valid is never cached
   * (authenticate asks the database each time).
   */
  verified: Map<string, AccessTokenClaims & { expiresAtMs: number }>;
}

const VERIFIED_MAX = 10_000;
const verifiers = new WeakMap<AuthSettings, Verifier>();

function verifierOf(settings: AuthSettings): Verifier {
  let verifier = verifiers.get(settings);
  if (verifier === undefined) {
    verifier = { key: createSecretKey(settings.jwtSecret), verified: new Map() };
    verifiers.set(settings, verifier);
  }
  return verifier;
}

export async function signAccessToken(
  settings: AuthSettings,
  claims: AccessTokenClaims,
  expiresAt: Date,
): Promise<string> {
  return new SignJWT({ sid: claims.loginId })
    .setProtectedHeader({ alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(claims.userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(verifierOf(settings).key);
}

const claimsSchema = z.object({ sub: z.uuid(), sid: z.uuid(), exp: z.number() });

/** The token's claims, or null for anything forged, expired, mistyped or malformed. */
export async function verifyAccessToken(
  settings: AuthSettings,
  token: string,
): Promise<AccessTokenClaims | null> {
  const { key, verified } = verifierOf(settings);
  const known = verified.get(token);
  if (known !== undefined) {
    if (Date.now() < known.expiresAtMs) return { userId: known.userId, loginId: known.loginId };
    verified.delete(token);
    return null;
  }
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ['sub', 'sid', 'exp', 'iat'],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return null;
    const result = { userId: claims.data.sub, loginId: claims.data.sid };
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, { ...result, expiresAtMs: claims.data.exp * 1000 });
    return result;
  } catch {
    return null;
  }
}
