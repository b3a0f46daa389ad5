// The redirect URI's page: exchanges the code once, then goes back where the sign-in started.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuthClient } from './context.js';
import { describeAuthError } from './errors.js';

/**
 * State of {@link useLoginCallback}.
 *
 * @example
 * ```tsx
 * const { status, error, retry }: LoginCallbackState = useLoginCallback();
 * ```
 */
export interface LoginCallbackState {
  status: 'loading' | 'success' | 'error';
  /** Why the sign-in failed: an OAuthError (e.g. `access_denied`), a ProtocolError, ... */
  error: Error | null;
  /** Where the sign-in started (set on success). */
  returnTo: string | null;
  /** Starts a new sign-in (e.g. from a "Try again" button). */
  retry: () => void;
}

/**
 * Options of {@link useLoginCallback} and props of {@link LoginCallback}.
 *
 * @example
 * ```tsx
 * const options: LoginCallbackOptions = { onSuccess: (returnTo) => router.navigate(returnTo) };
 * ```
 */
export interface LoginCallbackOptions {
  /** Called once signed in; default: the AuthClient's `navigate(returnTo)`. */
  onSuccess?: (returnTo: string) => void;
}

/**
 * Completes the sign-in on the redirect URI's page. Safe under StrictMode and remounts: one
 * token request per `state`. `code` and `state` leave the address bar, and the PKCE verifier
 * leaves sessionStorage, before anything is awaited.
 *
 * @example
 * ```tsx
 * function Callback() {
 *   const { status, error, retry } = useLoginCallback({ onSuccess: (to) => navigate(to) });
 *   if (status === 'error') return <p role="alert">{error?.message} <button onClick={retry}>Retry</button></p>;
 *   return <p>Signing in…</p>;
 * }
 * ```
 */
export function useLoginCallback(options: LoginCallbackOptions = {}): LoginCallbackState {
  const client = useAuthClient();
  // The URL as first rendered: a StrictMode re-run must see the same one after it was cleaned.
  const [url] = useState(() => (typeof window === 'undefined' ? '' : window.location.href));
  const [result, setResult] = useState<Omit<LoginCallbackState, 'retry'>>({
    status: 'loading',
    error: null,
    returnTo: null,
  });
  const onSuccess = useRef(options.onSuccess);
  onSuccess.current = options.onSuccess;

  useEffect(() => {
    if (!url) return;
    let active = true;
    client.handleCallback(url).then(
      ({ returnTo }) => {
        if (!active) return;
        setResult({ status: 'success', error: null, returnTo });
        (onSuccess.current ?? client.navigate)(returnTo);
      },
      (error: unknown) => {
        if (!active) return;
        setResult({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
          returnTo: null,
        });
      },
    );
    return () => {
      active = false;
    };
  }, [client, url]);

  const retry = useCallback(() => {
    void client.login({ returnTo: client.config.defaultReturnTo });
  }, [client]);
  return { ...result, retry };
}

/**
 * Props of {@link LoginCallback}.
 *
 * @example
 * ```tsx
 * const props: LoginCallbackProps = { loading: <Spinner /> };
 * ```
 */
export interface LoginCallbackProps extends LoginCallbackOptions {
  /** Shown while the code is exchanged. */
  loading?: ReactNode;
  /** Shown when the sign-in failed; default: the reason and a "Sign in again" button. */
  renderError?: (error: Error, retry: () => void) => ReactNode;
}

/**
 * Renders the redirect URI's page with {@link useLoginCallback}: a loading state, then either
 * goes back to where the sign-in started or shows why it failed (OAuth errors included).
 *
 * @example
 * ```tsx
 * <Route path="/callback" element={<LoginCallback loading={<p>Signing in…</p>} />} />
 * ```
 */
export function LoginCallback({ loading = null, renderError, ...options }: LoginCallbackProps) {
  const { status, error, retry } = useLoginCallback(options);
  if (status !== 'error' || !error) return <>{loading}</>;
  if (renderError) return <>{renderError(error, retry)}</>;
  return (
    <div role="alert">
      <p>{describeAuthError(error)}</p>
      <button type="button" onClick={retry}>
        Sign in again
      </button>
    </div>
  );
}
