import { isStoredTokens } from './session-tokens.ts';
import type { StoredTokens, TokenStore } from './token-store.ts';

/** The part of the Web Storage API the store uses: `localStorage`, `sessionStorage` or alike. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Tokens kept as JSON under `key`, so a new page or client instance picks the session up.
 * Scripts can read such storage: in browsers prefer cookie mode (`credentials: 'include'`), where
 * only the short-lived access token is stored here.
 */
export function webStorageTokenStore(storage: KeyValueStorage, key = 'budget.tokens'): TokenStore {
  return {
    get: () => parseTokens(storage.getItem(key)),
    set: (tokens) => {
      if (tokens === null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(tokens));
    },
  };
}

function parseTokens(text: string | null): StoredTokens | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isStoredTokens(value) ? value : null;
  } catch {
    return null;
  }
}
