import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * A refresh token is `<owner id>.<256 random bits>`. The owner id lets every lookup lead with
 * `owner_id`; only a SHA-256 of the token is stored.
 */
export function createRefreshToken(ownerId: string): { token: string; tokenHash: string } {
  const token = `${ownerId}.${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const ownerIdSchema = z.uuid();

export function refreshTokenOwner(token: string): string | null {
  const [ownerId, secret, ...rest] = token.split('.');
  if (rest.length > 0 || secret === undefined || !/^[\w-]{43}$/.test(secret)) return null;
  return ownerIdSchema.safeParse(ownerId).success ? (ownerId ?? null) : null;
}
