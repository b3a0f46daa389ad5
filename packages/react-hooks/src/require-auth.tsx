// Guards: render children when signed in, else start one sign-in (never a loop).
import { useEffect, useRef, type ComponentType, type ReactNode } from 'react';
import type { LoginOptions } from './types.js';
import { useAuthClient } from './context.js';
import { describeAuthError } from './errors.js';
import { useAuth } from './use-auth.js';

/**
 * Props of {@link RequireAuth}.
 *
 * @example
 * ```tsx
 * const props: RequireAuthProps = { fallback: <Spinner />, children: <Dashboard /> };
 * ```
 */
export interface RequireAuthProps {
  children?: ReactNode;
  /** Shown while loading and while the browser leaves for the sign-in page. */
  fallback?: ReactNode;
  /** Options of the sign-in it starts (default `returnTo`: the current page). */
  loginOptions?: Omit<LoginOptions, 'automatic'>;
  /**
   * Shown instead of redirecting when the last sign-in failed or the session expired, so a
   * failing sign-in never turns into a redirect loop. Default: the reason and a button.
   */
  renderError?: (error: Error, login: () => void) => ReactNode;
}

/**
 * Renders `children` only for a signed-in user. Signed out, it redirects to the sign-in page
 * once; after a failed sign-in or an expired session it shows the error and a sign-in button
 * instead, and repeated automatic redirects stop with a LoginLoopError.
 *
 * @example
 * ```tsx
 * <RequireAuth fallback={<p>Loading…</p>}>
 *   <Dashboard />
 * </RequireAuth>
 * ```
 */
export function RequireAuth({
  children,
  fallback = null,
  loginOptions,
  renderError,
}: RequireAuthProps) {
  const client = useAuthClient();
  const { status, error } = useAuth();
  const started = useRef(false);
  const options = useRef(loginOptions);
  options.current = loginOptions;

  useEffect(() => {
    // Signed in again (e.g. after a sign-out in another tab): the next sign-out may redirect.
    if (status === 'authenticated') started.current = false;
    if (status !== 'unauthenticated' || error || started.current) return;
    started.current = true;
    void client.login({ ...options.current, automatic: true });
  }, [client, status, error]);

  if (status === 'authenticated') return <>{children}</>;
  if (status === 'unauthenticated' && error) {
    const login = () => {
      void client.login({ ...options.current });
    };
    if (renderError) return <>{renderError(error, login)}</>;
    return (
      <div role="alert">
        <p>{describeAuthError(error)}</p>
        <button type="button" onClick={login}>
          Sign in
        </button>
      </div>
    );
  }
  return <>{fallback}</>;
}

/**
 * Wraps a component in {@link RequireAuth}.
 *
 * @example
 * ```tsx
 * const ProtectedSettings = withAuthenticationRequired(Settings, { fallback: <Spinner /> });
 * ```
 */
export function withAuthenticationRequired<P extends object>(
  Component: ComponentType<P>,
  options: Omit<RequireAuthProps, 'children'> = {},
): ComponentType<P> {
  function WithAuthenticationRequired(props: P) {
    return (
      <RequireAuth {...options}>
        <Component {...props} />
      </RequireAuth>
    );
  }
  WithAuthenticationRequired.displayName = `withAuthenticationRequired(${
    Component.displayName ?? Component.name ?? 'Component'
  })`;
  return WithAuthenticationRequired;
}
