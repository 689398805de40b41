import { fetchTransactionsCsv, type ExportTransactionsParams } from '@budget/client';
import { useMutation } from '@tanstack/react-query';
import { useAccessToken } from '../../lib/access-token.ts';
import { useTRPCClient } from '../../lib/trpc.ts';
import { FormError } from '../ui/form-error.tsx';

/** The export's name: the filters it was made with, so two downloads do not overwrite. */
function fileName({ from, to }: ExportTransactionsParams): string {
  const range = [from, to].filter((day) => day !== undefined).join('_to_');
  return range === '' ? 'transactions.csv' : `transactions_${range}.csv`;
}

function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download; the object URL can go once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads GET /export/transactions.csv with the list's date and account filters, sent with
 * the in-memory access token. A token that expired meanwhile is renewed once (any tRPC call
 * refreshes it) and the export is asked for again.
 */
export function ExportButton({ filters }: { filters: ExportTransactionsParams }) {
  const accessToken = useAccessToken();
  const client = useTRPCClient();
  const exportCsv = useMutation({
    mutationFn: async () => {
      const attempt = () =>
        fetchTransactionsCsv({ baseUrl: '', accessToken: accessToken() ?? '', ...filters });
      const response = await attempt().catch(async (error: unknown) => {
        if (!(error instanceof Error) || !error.message.includes(' 401')) throw error;
        await client.auth.me.query();
        return attempt();
      });
      saveFile(await response.blob(), fileName(filters));
    },
  });

  return (
    <>
      <button type="button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>
        {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
      </button>
      <FormError error={exportCsv.error} />
    </>
  );
}
