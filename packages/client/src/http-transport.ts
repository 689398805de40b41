export type HeadersOption =
  Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export type CredentialsOption = 'omit' | 'same-origin' | 'include';

export interface HttpTransportOptions {
  url: string;
  fetch?: typeof fetch | undefined;
  headers?: HeadersOption | undefined;
  credentials?: CredentialsOption | undefined;
}

/** How every request reaches the server: endpoint, fetch (with credentials) and extra headers. */
export interface HttpTransport {
  /** The tRPC endpoint, without a trailing slash. */
  url: string;
  fetch: typeof fetch;
  headers(): Promise<Record<string, string>>;
}

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const { credentials, headers } = options;
  // Called as a plain function, never as a method: browsers refuse `fetch` with a foreign `this`.
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    url: options.url.replace(/\/+$/, ''),
    fetch: (input, init) =>
      baseFetch(input, credentials === undefined ? init : { ...init, credentials }),
    headers: async () => (typeof headers === 'function' ? await headers() : { ...headers }),
  };
}
