import { createContext, useContext } from 'react';

/** Reads the in-memory access token; provided once in main.tsx. */
export const AccessTokenContext = createContext<(() => string | undefined) | null>(null);

export function useAccessToken(): () => string | undefined {
  const read = useContext(AccessTokenContext);
  if (read === null) throw new Error('useAccessToken() outside <AccessTokenContext>');
  return read;
}
