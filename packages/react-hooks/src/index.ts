/**
 * `@latchkey/react-hooks`: sign users in with Latchkey from a React app (authorization code +
 * PKCE), keep their tokens fresh, and manage clients and tokens with TanStack Query hooks.
 *
 * @example
 * ```tsx
 * import { QueryClient } from '@tanstack/react-query';
 * import { LatchkeyProvider, LoginCallback, RequireAuth, createAuthClient, useAuth } from '@latchkey/react-hooks';
 *
 * const authClient = createAuthClient({
 *   issuer: 'https://auth.example.com',
 *   clientId: 'cl_spa',
 *   redirectUri: `${window.location.origin}/callback`,
 * });
 *
 * function App() {
 *   return window.location.pathname === '/callback' ? <LoginCallback /> : (
 *     <RequireAuth fallback={<p>Loading…</p>}>
 *       <Home />
 *     </RequireAuth>
 *   );
 * }
 *
 * createRoot(root).render(
 *   <LatchkeyProvider client={authClient} queryClient={new QueryClient()}>
 *     <App />
 *   </LatchkeyProvider>,
 * );
 * ```
 *
 * @module
 */

export { createAuthClient } from './auth-client.js';
export {
  LoginLoopError,
  type AuthClient,
  type AuthClientConfig,
  type AuthState,
  type AuthStatus,
  type CallbackOutcome,
  type LoginOptions,
  type LogoutOptions,
} from './types.js';
export { LatchkeyProvider, useAuthClient, type LatchkeyProviderProps } from './context.js';
export { describeAuthError, type DataError } from './errors.js';
export {
  LoginCallback,
  useLoginCallback,
  type LoginCallbackOptions,
  type LoginCallbackProps,
  type LoginCallbackState,
} from './login-callback.js';
export { RequireAuth, withAuthenticationRequired, type RequireAuthProps } from './require-auth.js';
export { useAuth, type UseAuthResult } from './use-auth.js';

export { useAuditEvents, useScopes, type AuditFilters } from './data/audit.js';
export { useAuthorizations, useRevokeAuthorization } from './data/authorizations.js';
export {
  useClient,
  useClients,
  useCreateClient,
  useDeleteClient,
  useRotateClientSecret,
  useUpdateClient,
  type ClientFilters,
  type RotateClientSecretVariables,
  type UpdateClientVariables,
} from './data/clients.js';
export type {
  MutationHookOptions,
  MutationResult,
  PagedResult,
  QueryResult,
} from './data/shared.js';
export {
  useAllPersonalAccessTokens,
  useBulkRevokePersonalAccessTokens,
  useCreatePersonalAccessToken,
  usePersonalAccessTokens,
  useRevokePersonalAccessToken,
  useRotatePersonalAccessToken,
  type AllTokensFilters,
} from './data/tokens.js';
