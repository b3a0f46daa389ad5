// The public types of the session: its state, configuration, options and the AuthClient itself.
import type { FetchLike, LatchkeyClient, LockManagerLike, TokenStorage, User } from '@latchkey/sdk';

/**
 * Where the session stands: `loading` until the stored session (or a callback) has been
 * looked at, then `authenticated` or `unauthenticated`.
 *
 * @example
 * ```ts
 * const status: AuthStatus = authClient.getState().status;
 * ```
 */
export type AuthStatus = 'loading' | 'authenticated' | 'unauthenticated';

/**
 * A snapshot of the session, as `useAuth()` and `authClient.getState()` return it.
 *
 * @example
 * ```ts
 * const { status, user, error }: AuthState = authClient.getState();
 * if (error) console.warn(describeAuthError(error));
 * ```
 */
export interface AuthState {
  status: AuthStatus;
  /** The signed-in user (`GET /api/v1/me`); null when signed out or not readable. */
  user: User | null;
  /**
   * Why the last sign-in or the session failed (an SDK error such as OAuthError or
   * SessionExpiredError, or LoginLoopError); cleared by the next successful sign-in.
   */
  error: Error | null;
}

/**
 * Configuration of {@link createAuthClient}.
 *
 * @example
 * ```ts
 * const config: AuthClientConfig = {
 *   issuer: 'https://auth.example.com',
 *   clientId: 'cl_spa',
 *   redirectUri: `${window.location.origin}/callback`,
 *   scope: ['profile', 'tokens:read'],
 * };
 * ```
 */
export interface AuthClientConfig {
  /** The Latchkey server (its issuer), e.g. `https://auth.example.com`. */
  issuer: string;
  /** A public client registered with PKCE and `redirectUri`. */
  clientId: string;
  /** Registered redirect URI, the page that renders `<LoginCallback>`. */
  redirectUri: string;
  /** Scopes to ask for; default: everything the client may have. */
  scope?: string | string[];
  /**
   * Where tokens live: `memory` (default; a reload signs in again through the server's
   * session), `session` (sessionStorage), `local` (localStorage, shared by every tab), or your
   * own {@link TokenStorage}. Anything but memory is readable by scripts on the page (XSS).
   */
  tokenStorage?: 'memory' | 'session' | 'local' | TokenStorage;
  /** Storage for pending sign-ins (PKCE verifier and state). Default `sessionStorage`. */
  transactionStorage?: Storage;
  /** Path to go to after a callback that carries no return path. Default `/`. */
  defaultReturnTo?: string;
  /** Load the user with `GET /api/v1/me` after sign-in (needs scope `profile`). Default true. */
  fetchUser?: boolean;
  /** Refresh this many seconds before the access token expires. Default 30. */
  refreshLeewaySeconds?: number;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * Cross-tab refresh lock. Default `navigator.locks` when tokens are shared between tabs
   * (`local` or a custom storage); `false` turns it off.
   */
  locks?: LockManagerLike | false;
  /** BroadcastChannel name used to sign other tabs out. Default `latchkey:<clientId>`. */
  broadcastChannel?: string | false;
  /** Sends the browser to the authorization endpoint. Default `location.assign`. */
  redirect?: (url: string) => void;
  /**
   * Moves to a path inside the app (after the callback or sign-out). Default: replace the
   * history entry and fire `popstate`, which routers listen to.
   */
  navigate?: (path: string) => void;
}

/**
 * Options of `login()`.
 *
 * @example
 * ```ts
 * await authClient.login({ returnTo: '/settings', prompt: 'login' });
 * ```
 */
export interface LoginOptions {
  /** Same-origin path to come back to. Default: the current page. */
  returnTo?: string;
  /** `login` forces the password form even with a server session; `consent` the consent page. */
  prompt?: 'none' | 'login' | 'consent';
  /** Scopes for this sign-in instead of the configured ones. */
  scope?: string | string[];
  /**
   * Marks a redirect nobody clicked for (`<RequireAuth>` uses it): too many in a short time
   * stop with a LoginLoopError instead of redirecting forever.
   */
  automatic?: boolean;
}

/**
 * Options of `logout()`.
 *
 * @example
 * ```ts
 * await authClient.logout({ returnTo: '/signed-out' });
 * ```
 */
export interface LogoutOptions {
  /** Path to go to once signed out. */
  returnTo?: string;
  /** Revoke the refresh token at the server (RFC 7009). Default true. */
  revoke?: boolean;
}

/**
 * The result of a completed callback.
 *
 * @example
 * ```ts
 * const { returnTo }: CallbackOutcome = await authClient.handleCallback();
 * ```
 */
export interface CallbackOutcome {
  /** The path the sign-in started from. */
  returnTo: string;
}

/**
 * A session kept by {@link createAuthClient}: usable from React (through
 * `<LatchkeyProvider>`) and from plain code.
 *
 * @example
 * ```ts
 * const token = await authClient.getAccessToken();
 * const clients = await authClient.api.clients.list({ limit: 10 });
 * ```
 */
export interface AuthClient {
  /** The configuration, with defaults applied. */
  readonly config: Readonly<AuthClientConfig>;
  /** The management API as the signed-in user (waits for initialisation, refreshes on 401). */
  readonly api: LatchkeyClient;
  /** fetch with the user's access token; waits for initialisation; refreshes and retries on 401. */
  readonly authFetch: FetchLike;
  /** The current snapshot; a new object on every change. */
  getState(): AuthState;
  /** Called after every state change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Looks at the stored session once (idempotent); resolves with the settled state. */
  init(): Promise<AuthState>;
  /** Resolves once the state is no longer `loading` (runs `init()` if nobody has). */
  ready(): Promise<AuthState>;
  /** Starts a sign-in: stores a PKCE verifier and state, then redirects to the server. */
  login(options?: LoginOptions): Promise<void>;
  /**
   * Completes a sign-in from the callback URL (default: the current one). One token request per
   * `state`, however often it is called; the URL loses `code`/`state` and the verifier leaves
   * storage before anything is awaited.
   */
  handleCallback(url?: string): Promise<CallbackOutcome>;
  /** Signs out here and in other tabs; revokes the refresh token. */
  logout(options?: LogoutOptions): Promise<void>;
  /** A valid access token, refreshed if needed; waits for initialisation first. */
  getAccessToken(): Promise<string>;
  /** Moves inside the app with the configured `navigate`. */
  navigate(path: string): void;
  /** Stops listening to other tabs. */
  close(): void;
}

/**
 * Thrown (and set as the state's `error`) when automatic sign-in redirects keep coming back
 * unauthenticated, e.g. when every navigation reloads the page and memory storage forgets.
 *
 * @example
 * ```ts
 * if (auth.error instanceof LoginLoopError) showManualSignInButton();
 * ```
 */
export class LoginLoopError extends Error {
  override readonly name = 'LoginLoopError';
  constructor() {
    super('Signing in keeps starting over, so it was stopped. Sign in again by hand.');
  }
}
