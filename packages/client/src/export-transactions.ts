/** Filters of GET /export/transactions.csv (inclusive 'YYYY-MM-DD' dates). */
export interface ExportTransactionsParams {
  from?: string;
  to?: string;
  accountId?: string;
}

/** The export's URL on the API at `baseUrl` (e.g. 'http://localhost:4000', or '' for same origin). */
export function exportTransactionsUrl(
  baseUrl: string,
  params: ExportTransactionsParams = {},
): string {
  const search = new URLSearchParams();
  for (const key of ['from', 'to', 'accountId'] as const) {
    const value = params[key];
    if (value !== undefined) search.set(key, value);
  }
  const query = search.toString();
  return `${baseUrl.replace(/\/$/, '')}/export/transactions.csv${query === '' ? '' : `?${query}`}`;
}

export interface FetchTransactionsCsvOptions extends ExportTransactionsParams {
  baseUrl: string;
  accessToken: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
}

/**
 * Fetches the CSV export with the Bearer token; the response body is a stream, so a caller can
 * pipe a large export to a file or a download without holding it in memory.
 */
export async function fetchTransactionsCsv(
  options: FetchTransactionsCsvOptions,
): Promise<Response> {
  const { baseUrl, accessToken, fetch = globalThis.fetch, signal, ...params } = options;
  const response = await fetch(exportTransactionsUrl(baseUrl, params), {
    headers: { authorization: `Bearer ${accessToken}` },
    ...(signal === undefined ? {} : { signal }),
  });
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`Export failed with ${response.status}: ${text.slice(0, 200)}`);
  }
  return response;
}
