export interface CookieJarFetch {
  fetch: typeof fetch;
  cookies: Map<string, string>;
}

/**
 * The global fetch with a browser's cookie jar: it sends and stores cookies only for requests
 * made with `credentials: 'include'`, as a browser does for cross-origin calls.
 */
export function cookieJarFetch(): CookieJarFetch {
  const cookies = new Map<string, string>();
  const jarFetch: typeof fetch = async (input, init) => {
    if (init?.credentials !== 'include') return fetch(input, init);
    const headers = new Headers(init.headers);
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  return { fetch: jarFetch, cookies };
}
