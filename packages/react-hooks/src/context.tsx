// <LatchkeyProvider>: makes an AuthClient available to the hooks, starts it, and empties the
// query cache when the signed-in user changes (no data of one user is shown to the next).
import { QueryClientContext, QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { AuthClient } from './types.js';

const AuthClientContext = createContext<AuthClient | null>(null);

/**
 * Props of {@link LatchkeyProvider}.
 *
 * @example
 * ```tsx
 * const props: LatchkeyProviderProps = { client: authClient, queryClient: new QueryClient() };
 * ```
 */
export interface LatchkeyProviderProps {
  /** From `createAuthClient(...)`, created once outside React. */
  client: AuthClient;
  /**
   * A TanStack QueryClient for the data hooks. Omit it when the app already renders a
   * `<QueryClientProvider>` above this one.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * Provides the session to `useAuth()`, `<RequireAuth>`, `<LoginCallback>` and the data hooks.
 *
 * @example
 * ```tsx
 * const queryClient = new QueryClient();
 * createRoot(root).render(
 *   <LatchkeyProvider client={authClient} queryClient={queryClient}>
 *     <App />
 *   </LatchkeyProvider>,
 * );
 * ```
 */
export function LatchkeyProvider({ client, queryClient, children }: LatchkeyProviderProps) {
  useEffect(() => {
    void client.init();
  }, [client]);
  const inner = (
    <AuthClientContext.Provider value={client}>
      <ClearCacheOnUserChange client={client} />
      {children}
    </AuthClientContext.Provider>
  );
  return queryClient ? (
    <QueryClientProvider client={queryClient}>{inner}</QueryClientProvider>
  ) : (
    inner
  );
}

function ClearCacheOnUserChange({ client }: { client: AuthClient }) {
  const queryClient = useContext(QueryClientContext);
  useEffect(() => {
    if (!queryClient) return;
    let previous = client.getState();
    return client.subscribe(() => {
      const next = client.getState();
      const signedOut = previous.status === 'authenticated' && next.status !== 'authenticated';
      const otherUser =
        previous.user !== null && next.user !== null && previous.user.id !== next.user.id;
      if (signedOut || otherUser) queryClient.clear();
      previous = next;
    });
  }, [client, queryClient]);
  return null;
}

/**
 * The AuthClient given to the nearest {@link LatchkeyProvider}.
 *
 * @example
 * ```tsx
 * const authClient = useAuthClient();
 * const me = await authClient.api.me.get();
 * ```
 */
export function useAuthClient(): AuthClient {
  const client = useContext(AuthClientContext);
  if (!client) throw new Error('useAuthClient() needs a <LatchkeyProvider> above it');
  return client;
}
