import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRefreshToken, hashRefreshToken, refreshTokenOwner } from './refresh-tokens.ts';

describe('refresh tokens', () => {
  it('carry their owner and 256 random bits, and are stored only as a hash', () => {
    const ownerId = randomUUID();
    const { token, tokenHash } = createRefreshToken(ownerId);
    expect(refreshTokenOwner(token)).toBe(ownerId);
    expect(tokenHash).toBe(hashRefreshToken(token));
    expect(tokenHash).not.toContain(token.split('.')[1]);
    expect(createRefreshToken(ownerId).token).not.toBe(token);
  });

  it.each(['', 'abc', randomUUID(), `not-a-uuid.${'a'.repeat(43)}`, `${randomUUID()}.short`])(
    'refuses the malformed token %j',
    (token) => {
      expect(refreshTokenOwner(token)).toBeNull();
    },
  );
});
