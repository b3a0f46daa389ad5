// useAuth(): the session as React state.
import { useMemo, useSyncExternalStore } from 'react';
import type { AuthClient, AuthState } from './types.js';
import { useAuthClient } from './context.js';

/**
 * What {@link useAuth} returns: the session state and the actions on it.
 *
 * @example
 * ```tsx
 * const { isAuthenticated, user, logout }: UseAuthResult = useAuth();
 * ```
 */
export interface UseAuthResult extends AuthState {
  /** `status === 'loading'`. */
  isLoading: boolean;
  /** `status === 'authenticated'`. */
  isAuthenticated: boolean;
  login: AuthClient['login'];
  logout: AuthClient['logout'];
  /** A valid access token; waits for initialisation (and a running callback) first. */
  getAccessToken: AuthClient['getAccessToken'];
}

/**
 * The session: status, user, error, and login/logout/getAccessToken. Re-renders on change.
 *
 * @example
 * ```tsx
 * function Account() {
 *   const { isLoading, isAuthenticated, user, login, logout } = useAuth();
 *   if (isLoading) return <p>Loading…</p>;
 *   if (!isAuthenticated) return <button onClick={() => login()}>Sign in</button>;
 *   return <button onClick={() => logout({ returnTo: '/' })}>Sign out {user?.username}</button>;
 * }
 * ```
 */
export function useAuth(): UseAuthResult {
  const client = useAuthClient();
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getState);
  return useMemo(
    () => ({
      ...state,
      isLoading: state.status === 'loading',
      isAuthenticated: state.status === 'authenticated',
      login: client.login,
      logout: client.logout,
      getAccessToken: client.getAccessToken,
    }),
    [state, client],
  );
}
