export interface RecordedRequest {
  /** The URL path, e.g. `/trpc/auth.refresh`. */
  path: string;
  headers: Headers;
  body: string | undefined;
}

export interface RecordingFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** How many requests went to `path`, e.g. `/trpc/auth.refresh`. */
  count(path: string): number;
  /** While set, requests to `path` fail as if the network were down. */
  failPath: string | undefined;
}

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** The global fetch, wrapped to record every request (and to fail some on demand). */
export function recordingFetch(base: typeof fetch = globalThis.fetch): RecordingFetch {
  const recorder: RecordingFetch = {
    requests: [],
    failPath: undefined,
    count: (path) => recorder.requests.filter((request) => request.path === path).length,
    fetch: (input, init) => {
      const path = new URL(urlOf(input)).pathname;
      const body = typeof init?.body === 'string' ? init.body : undefined;
      recorder.requests.push({ path, headers: new Headers(init?.headers), body });
      if (path === recorder.failPath) return Promise.reject(new TypeError('fetch failed'));
      return base(input, init);
    },
  };
  return recorder;
}
