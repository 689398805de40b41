import { randomUUID } from 'node:crypto';
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
    .sign(settings.jwtSecret);
}

const claimsSchema = z.object({ sub: z.uuid(), sid: z.uuid() });

/** The token's claims, or null for anything forged, expired, mistyped or malformed. */
export async function verifyAccessToken(
  settings: AuthSettings,
  token: string,
): Promise<AccessTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, settings.jwtSecret, {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ['sub', 'sid', 'exp', 'iat'],
    });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? { userId: claims.data.sub, loginId: claims.data.sid } : null;
  } catch {
    return null;
  }
}
