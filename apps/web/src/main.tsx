import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AccessTokenContext } from './lib/access-token.ts';
import { createAppClient } from './lib/budget-client.ts';
import { createAppQueryClient } from './lib/query-client.ts';
import { TRPCProvider } from './lib/trpc.ts';
import { createAppRouter } from './router.tsx';
import './styles.css';

const queryClient = createAppQueryClient();
const router = createAppRouter();
const { client: trpcClient, accessToken } = createAppClient((reason) => {
  queryClient.clear();
  void router.navigate({ to: '/sign-in', search: { ended: reason } });
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <AccessTokenContext value={accessToken}>
          <RouterProvider router={router} />
        </AccessTokenContext>
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
