// The framework-free half: sign-in redirect (authorization code + PKCE), callback, token
// refresh, sign-out and its broadcast to other tabs. React components subscribe to it; router
// loaders and fetch interceptors can use it directly.
import {
  ProtocolError,
  SessionExpiredError,
  buildAuthorizeUrl,
  createLatchkeyClient,
  createPkce,
  createTokenManager,
  discover,
  exchangeCode,
  generateState,
  isSessionExpiredError,
  memoryStorage,
  parseCallback,
  refresh as refreshGrant,
  revoke,
  webStorage,
  type AuthorizationServerMetadata,
  type FetchLike,
  type TokenManager,
  type TokenStorage,
  type User,
} from '@latchkey/sdk';
import { Transactions, volatileStorage } from './transactions.js';
import {
  LoginLoopError,
  type AuthClient,
  type AuthClientConfig,
  type AuthState,
  type CallbackOutcome,
  type LoginOptions,
  type LogoutOptions,
} from './types.js';

type Message = { type: 'logout' } | { type: 'login' };

/** At most this many automatic redirects within LOOP_WINDOW_MS. */
const LOOP_LIMIT = 4;
const LOOP_WINDOW_MS = 20_000;
const CALLBACK_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri'];

/**
 * Creates the session object for a browser app that signs users in with Latchkey
 * (authorization code + PKCE, public client). Create one per app, outside React.
 *
 * @example
 * ```ts
 * import { createAuthClient } from '@latchkey/react-hooks';
 *
 * export const authClient = createAuthClient({
 *   issuer: 'https://auth.example.com',
 *   clientId: 'cl_spa',
 *   redirectUri: `${window.location.origin}/callback`,
 * });
 *
 * // in a router loader
 * const token = await authClient.getAccessToken();
 * ```
 */
export function createAuthClient(config: AuthClientConfig): AuthClient {
  const issuer = config.issuer.replace(/\/+$/, '');
  const settings: AuthClientConfig = {
    defaultReturnTo: '/',
    fetchUser: true,
    ...config,
    issuer,
  };
  const browser = typeof window !== 'undefined';
  const shared = settings.tokenStorage !== undefined && settings.tokenStorage !== 'memory';
  const storageKey = `latchkey:${settings.clientId}:tokens`;
  const transactions = new Transactions(
    settings.transactionStorage ??
      (typeof sessionStorage !== 'undefined' ? sessionStorage : volatileStorage()),
    `latchkey:${settings.clientId}`,
  );
  const oauthClient = { clientId: settings.clientId, authMethod: 'none' as const };

  let metadata: Promise<AuthorizationServerMetadata> | undefined;
  const server = (): Promise<AuthorizationServerMetadata> => {
    metadata ??= discover(issuer, { fetch: settings.fetch }).catch((error: unknown) => {
      metadata = undefined;
      throw error;
    });
    return metadata;
  };

  const manager: TokenManager = createTokenManager({
    storage: resolveStorage(settings.tokenStorage),
    storageKey,
    refreshLeewaySeconds: settings.refreshLeewaySeconds,
    fetch: settings.fetch,
    locks: settings.locks ?? (shared ? undefined : false),
    refresh: async (current) => {
      if (!current.refresh_token) {
        throw new SessionExpiredError('The access token expired and there is no refresh token.');
      }
      return refreshGrant({
        server: await server(),
        client: oauthClient,
        refreshToken: current.refresh_token,
        fetch: settings.fetch,
      });
    },
  });
  // Internal calls during sign-in must not wait for the sign-in itself.
  const direct = createLatchkeyClient({ baseUrl: issuer, tokenManager: manager });

  let state: AuthState = { status: 'loading', user: null, error: null };
  const listeners = new Set<() => void>();
  const setState = (next: Partial<AuthState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };

  let initialising: Promise<AuthState> | undefined;
  let pendingCallback: Promise<CallbackOutcome> | undefined;
  let lastCallback: Promise<CallbackOutcome> | undefined;
  const callbacks = new Map<string, Promise<CallbackOutcome>>();
  let signingOut = false;

  const loadUser = async (): Promise<User | null> => {
    if (!settings.fetchUser) return null;
    try {
      return await direct.me.get();
    } catch (error) {
      if (isSessionExpiredError(error)) throw error;
      return null; // e.g. no `profile` scope: signed in, but anonymous to the UI
    }
  };

  // The token manager clears the tokens when a refresh is refused (invalid_grant).
  manager.subscribe((tokens) => {
    if (tokens === null && !signingOut && state.status === 'authenticated') {
      setState({
        status: 'unauthenticated',
        user: null,
        error: new SessionExpiredError('Your session expired. Sign in again.'),
      });
    }
  });

  const channel =
    browser && settings.broadcastChannel !== false && typeof BroadcastChannel !== 'undefined'
      ? new BroadcastChannel(settings.broadcastChannel ?? `latchkey:${settings.clientId}`)
      : undefined;
  const broadcast = (message: Message) => {
    try {
      channel?.postMessage(message);
    } catch {
      // a closed channel: nothing to tell
    }
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent<Message>) => {
      // Tokens of its own (not shared) are revoked too; shared ones are already gone.
      if (event.data?.type === 'logout') void signOut({}, false);
      if (event.data?.type === 'login' && shared && state.status !== 'authenticated') {
        void restore();
      }
    };
  }

  /** Reads the stored session into the state. */
  const restore = async (): Promise<AuthState> => {
    const tokens = await manager.getTokens();
    if (pendingCallback) {
      // A callback started meanwhile; its outcome is the state.
      await pendingCallback.catch(() => undefined);
      return state;
    }
    if (!tokens) {
      if (state.status !== 'unauthenticated') setState({ status: 'unauthenticated', user: null });
      return state;
    }
    try {
      const user = await loadUser();
      setState({ status: 'authenticated', user, error: null });
    } catch (error) {
      setState({ status: 'unauthenticated', user: null, error: asError(error) });
    }
    return state;
  };

  const init = (): Promise<AuthState> => {
    initialising ??= (async () => {
      if (pendingCallback) {
        await pendingCallback.catch(() => undefined);
        return state;
      }
      return restore();
    })();
    return initialising;
  };

  const ready = async (): Promise<AuthState> => {
    await init();
    while (pendingCallback) await pendingCallback.catch(() => undefined);
    return state;
  };

  const navigate = (path: string) => {
    if (settings.navigate) return settings.navigate(path);
    if (!browser) return;
    window.history.replaceState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  };

  const login = async (options: LoginOptions = {}): Promise<void> => {
    if (options.automatic && !allowAutomatic()) {
      setState({ status: 'unauthenticated', error: new LoginLoopError() });
      return;
    }
    if (!options.automatic) transactions.setFlag('redirects', null);
    const metadataDoc = await server();
    const pkce = await createPkce();
    const stateParam = generateState();
    const returnTo = safePath(options.returnTo ?? currentPath(), settings.defaultReturnTo!);
    transactions.save(stateParam, {
      codeVerifier: pkce.codeVerifier,
      redirectUri: settings.redirectUri,
      returnTo,
      createdAt: Date.now(),
    });
    // After an explicit sign-out, ask for the password again rather than reusing the server's
    // browser session (which the app cannot end: it has no CSRF token for /logout).
    const prompt = options.prompt ?? (transactions.getFlag('signed-out') ? 'login' : undefined);
    const url = buildAuthorizeUrl({
      server: metadataDoc,
      clientId: settings.clientId,
      redirectUri: settings.redirectUri,
      scope: options.scope ?? settings.scope,
      state: stateParam,
      pkce,
      prompt,
    });
    (settings.redirect ?? ((href: string) => window.location.assign(href)))(url);
  };

  const allowAutomatic = (): boolean => {
    const [count = 0, since = 0] = (transactions.getFlag('redirects') ?? '').split(':').map(Number);
    const now = Date.now();
    const fresh = now - since < LOOP_WINDOW_MS;
    if (fresh && count >= LOOP_LIMIT) return false;
    transactions.setFlag('redirects', fresh ? `${count + 1}:${since}` : `1:${now}`);
    return true;
  };

  const handleCallback = (href?: string): Promise<CallbackOutcome> => {
    const url = new URL(href ?? (browser ? window.location.href : ''));
    const stateParam = url.searchParams.get('state');
    const known = stateParam === null ? undefined : callbacks.get(stateParam);
    if (known) return known;
    // Called again after the URL was cleaned (React StrictMode, a remount): same outcome.
    if (!CALLBACK_PARAMS.some((p) => url.searchParams.has(p)) && lastCallback) return lastCallback;

    // Synchronously, before any await: the verifier leaves storage, the code leaves the URL.
    const tx = stateParam === null ? null : transactions.take(stateParam);
    if (browser && sameDocument(url)) {
      const clean = new URL(url);
      for (const p of CALLBACK_PARAMS) clean.searchParams.delete(p);
      window.history.replaceState(
        window.history.state,
        '',
        clean.pathname + clean.search + clean.hash,
      );
    }
    setState({ status: 'loading', error: null });

    const outcome = (async (): Promise<CallbackOutcome> => {
      try {
        if (!tx) {
          throw new ProtocolError(
            'state_mismatch',
            'This sign-in response does not belong to a sign-in started in this tab (it may have been used already).',
          );
        }
        const metadataDoc = await server();
        const { code } = parseCallback(url, {
          expectedState: stateParam ?? '',
          issuer: metadataDoc.issuer,
        });
        const tokens = await exchangeCode({
          server: metadataDoc,
          client: oauthClient,
          code,
          redirectUri: tx.redirectUri,
          codeVerifier: tx.codeVerifier,
          fetch: settings.fetch,
        });
        await manager.setTokens(tokens);
        const user = await loadUser();
        transactions.setFlag('signed-out', null);
        setState({ status: 'authenticated', user, error: null });
        broadcast({ type: 'login' });
        return { returnTo: tx.returnTo };
      } catch (error) {
        setState({ status: 'unauthenticated', user: null, error: asError(error) });
        throw error;
      }
    })();
    pendingCallback = outcome;
    const settled = () => {
      if (pendingCallback === outcome) pendingCallback = undefined;
    };
    outcome.then(settled, settled); // also keeps a rejection from being reported as unhandled
    lastCallback = outcome;
    if (stateParam !== null) callbacks.set(stateParam, outcome);
    return outcome;
  };

  /** Clears the session; `tell` broadcasts it to the other tabs. */
  const signOut = async (options: LogoutOptions, tell: boolean): Promise<void> => {
    signingOut = true;
    try {
      const tokens = await manager.getTokens();
      // Leave the page first: a guard still on screen would start a new sign-in at once.
      if (options.returnTo) navigate(safePath(options.returnTo, settings.defaultReturnTo!));
      await manager.setTokens(null);
      transactions.setFlag('signed-out', '1');
      setState({ status: 'unauthenticated', user: null, error: null });
      if (tell) broadcast({ type: 'logout' });
      if (options.revoke !== false && tokens?.refresh_token) {
        // RFC 7009: revoking the refresh token ends its grant's access tokens too. Best effort.
        await server()
          .then((s) =>
            revoke({
              server: s,
              client: oauthClient,
              token: tokens.refresh_token!,
              tokenTypeHint: 'refresh_token',
              fetch: settings.fetch,
            }),
          )
          .catch(() => undefined);
      }
    } finally {
      signingOut = false;
    }
  };

  const getAccessToken = async (): Promise<string> => {
    await ready();
    return manager.getAccessToken();
  };

  const authFetch: FetchLike = async (input, init) => {
    await ready();
    return manager.authFetch(input, init);
  };

  return {
    config: settings,
    api: createLatchkeyClient({ baseUrl: issuer, tokenManager: { authFetch } }),
    authFetch,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    init,
    ready,
    login,
    handleCallback,
    logout: (options = {}) => signOut(options, true),
    getAccessToken,
    navigate,
    close: () => channel?.close(),
  };
}

function resolveStorage(option: AuthClientConfig['tokenStorage']): TokenStorage {
  if (option === 'session') return webStorage(sessionStorage);
  if (option === 'local') return webStorage(localStorage);
  if (option === undefined || option === 'memory') return memoryStorage();
  return option;
}

function currentPath(): string {
  if (typeof window === 'undefined') return '/';
  const { pathname, search, hash } = window.location;
  return pathname + search + hash;
}

/** Only same-origin paths: never an open redirect. */
function safePath(path: string, fallback: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')
    ? path
    : fallback;
}

function sameDocument(url: URL): boolean {
  return url.origin === window.location.origin && url.pathname === window.location.pathname;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
