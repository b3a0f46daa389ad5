// Holds a token set, refreshes it shortly before it expires, one refresh at a time (in a tab by
// sharing the pending promise, across tabs with Web Locks), and signs requests with it.
import { SessionExpiredError, isOAuthError } from './errors.js';
import type { AuthorizationServerMetadata } from './generated/types.gen.js';
import { send, type FetchLike } from './http.js';
import { refresh as refreshGrant, type OAuthClient, type TokenSet } from './oauth/token.js';

/**
 * Where a {@link TokenManager} keeps its token set. Methods may be sync or async. Use
 * {@link memoryStorage} (the default), {@link webStorage} to share a session between tabs, or
 * your own (an encrypted file, a keychain, a cookie-backed server store).
 *
 * @example
 * ```ts
 * const fileStorage: TokenStorage = {
 *   get: async (key) => JSON.parse(await readFile(`${key}.json`, 'utf8')),
 *   set: (key, tokens) => writeFile(`${key}.json`, JSON.stringify(tokens), { mode: 0o600 }),
 *   remove: (key) => rm(`${key}.json`, { force: true }),
 * };
 * ```
 */
export interface TokenStorage {
  get(key: string): TokenSet | null | Promise<TokenSet | null>;
  set(key: string, tokens: TokenSet): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/**
 * Keeps tokens in memory only: they are gone when the page or process goes.
 *
 * @example
 * ```ts
 * const manager = createTokenManager({ server, client, storage: memoryStorage() });
 * ```
 */
export function memoryStorage(): TokenStorage {
  const map = new Map<string, TokenSet>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, tokens) => void map.set(key, tokens),
    remove: (key) => void map.delete(key),
  };
}

/**
 * Keeps tokens in a Web Storage area (`localStorage` by default), so every tab of the app shares
 * one session; together with Web Locks only one tab refreshes at a time. Anything readable by
 * script is exposed to XSS: prefer memory storage where a reload may sign the user out.
 *
 * @example
 * ```ts
 * const manager = createTokenManager({ server, client, storage: webStorage(sessionStorage) });
 * ```
 */
export function webStorage(area: Storage = globalThis.localStorage): TokenStorage {
  return {
    get: (key) => {
      const raw = area.getItem(key);
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as TokenSet;
      } catch {
        return null;
      }
    },
    set: (key, tokens) => area.setItem(key, JSON.stringify(tokens)),
    remove: (key) => area.removeItem(key),
  };
}

/**
 * The part of the Web Locks API (`navigator.locks`) the token manager uses.
 *
 * @example
 * ```ts
 * const locks: LockManagerLike = navigator.locks;
 * ```
 */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Options of {@link createTokenManager}. Give either `server` and `client` (refresh with the
 * refresh-token grant) or your own `refresh` function (e.g. a new client-credentials grant).
 *
 * @example
 * ```ts
 * const options: TokenManagerOptions = {
 *   server: await discover('https://auth.example.com'),
 *   client: { clientId: 'cl_spa' },
 *   tokens: await exchangeCode({ ... }),
 * };
 * ```
 */
export interface TokenManagerOptions {
  /** The token endpoint to refresh at (`discover()`'s result will do). */
  server?: Pick<AuthorizationServerMetadata, 'token_endpoint'>;
  /** The client the tokens were issued to. */
  client?: OAuthClient;
  /** Replaces the refresh-token grant; receives the current set, answers the next one. */
  refresh?: (current: TokenSet) => Promise<TokenSet>;
  /** A token set to start with (written to storage). */
  tokens?: TokenSet;
  /** Default: {@link memoryStorage}. */
  storage?: TokenStorage;
  /** Storage key, and the Web Lock's name suffix. Default `latchkey.tokens`. */
  storageKey?: string;
  /** Refresh this many seconds before `expires_at`. Default 30. */
  refreshLeewaySeconds?: number;
  /** The fetch used for API calls and refreshes. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Cross-tab lock. Default `navigator.locks` where it exists; `false` to turn off. */
  locks?: LockManagerLike | false;
}

/**
 * Keeps a session's tokens fresh. Create one with {@link createTokenManager}.
 *
 * @example
 * ```ts
 * const latchkey = createLatchkeyClient({ baseUrl, tokenManager: manager });
 * manager.subscribe((tokens) => setSignedIn(tokens !== null));
 * ```
 */
export interface TokenManager {
  /** The current token set, or null when signed out. Does not refresh. */
  getTokens(): Promise<TokenSet | null>;
  /** Replaces the token set (after sign-in), or clears it with null (sign-out). */
  setTokens(tokens: TokenSet | null): Promise<void>;
  /**
   * A valid access token, refreshed first if it expires within the leeway.
   * Throws SessionExpiredError when signed out or the refresh token was rejected.
   */
  getAccessToken(): Promise<string>;
  /** Refreshes now (joining a refresh already under way). */
  refresh(): Promise<TokenSet>;
  /**
   * fetch with `Authorization: Bearer <access token>`; on a 401 it refreshes once and retries
   * once (a second 401 is returned as is).
   */
  authFetch: FetchLike;
  /** Called with the new set on every change (null on sign-out); returns an unsubscribe. */
  subscribe(listener: (tokens: TokenSet | null) => void): () => void;
}

/**
 * Creates a {@link TokenManager}.
 *
 * @example
 * ```ts
 * const server = await discover('https://auth.example.com');
 * const manager = createTokenManager({
 *   server,
 *   client: { clientId: 'cl_spa' },
 *   storage: webStorage(),
 * });
 * await manager.setTokens(await exchangeCode({ server, client: { clientId: 'cl_spa' }, ... }));
 * const response = await manager.authFetch('https://api.example.com/things');
 * ```
 */
export function createTokenManager(options: TokenManagerOptions = {}): TokenManager {
  const storage = options.storage ?? memoryStorage();
  const key = options.storageKey ?? 'latchkey.tokens';
  const leeway = options.refreshLeewaySeconds ?? 30;
  const listeners = new Set<(tokens: TokenSet | null) => void>();
  const locks =
    options.locks === false
      ? undefined
      : (options.locks ??
        (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks);
  let ready: Promise<void> = options.tokens
    ? Promise.resolve(storage.set(key, options.tokens))
    : Promise.resolve();
  let inflight: Promise<TokenSet> | undefined;

  const runRefresh =
    options.refresh ??
    ((current: TokenSet) => {
      if (!options.server || !options.client) {
        throw new Error('createTokenManager needs `server` and `client`, or `refresh`');
      }
      if (!current.refresh_token) {
        throw new SessionExpiredError('The access token expired and there is no refresh token.');
      }
      return refreshGrant({
        server: options.server,
        client: options.client,
        refreshToken: current.refresh_token,
        fetch: options.fetch,
      });
    });

  const notify = (tokens: TokenSet | null) => {
    for (const listener of listeners) listener(tokens);
  };

  const getTokens = async (): Promise<TokenSet | null> => {
    await ready;
    return (await storage.get(key)) ?? null;
  };

  const setTokens = async (tokens: TokenSet | null): Promise<void> => {
    ready = ready.then(() => (tokens ? storage.set(key, tokens) : storage.remove(key)));
    await ready;
    notify(tokens);
  };

  const expiring = (tokens: TokenSet) => tokens.expires_at - leeway <= Date.now() / 1000;

  /** One refresh; `stale` is the access token found wanting (undefined: refresh regardless). */
  const doRefresh = async (stale: string | undefined): Promise<TokenSet> => {
    // Re-read: another caller, or another tab holding the lock before us, may have refreshed.
    const current = await getTokens();
    if (!current) throw new SessionExpiredError('Not signed in.');
    if (stale !== undefined && current.access_token !== stale && !expiring(current)) {
      return current;
    }
    let next: TokenSet;
    try {
      next = await runRefresh(current);
    } catch (error) {
      // RFC 6749 §5.2 invalid_grant: the refresh token is expired, revoked or was reused.
      if (isOAuthError(error) && error.error === 'invalid_grant') {
        await setTokens(null);
        throw new SessionExpiredError('The session expired; sign in again.', error);
      }
      if (error instanceof SessionExpiredError) await setTokens(null);
      throw error;
    }
    await setTokens(next);
    return next;
  };

  const refreshOnce = (stale: string | undefined): Promise<TokenSet> => {
    inflight ??= (
      locks ? locks.request(`latchkey-refresh:${key}`, () => doRefresh(stale)) : doRefresh(stale)
    ).finally(() => {
      inflight = undefined;
    });
    return inflight;
  };

  const getAccessToken = async (): Promise<string> => {
    const current = await getTokens();
    if (!current) throw new SessionExpiredError('Not signed in.');
    if (!expiring(current)) return current.access_token;
    return (await refreshOnce(current.access_token)).access_token;
  };

  const authFetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const token = await getAccessToken();
    const first = await send(options.fetch, withBearer(request.clone(), token));
    if (first.status !== 401) return first;
    // RFC 6750 §3.1 invalid_token: refresh once and retry once; never loop.
    const fresh = await refreshOnce(token);
    if (fresh.access_token === token) return first;
    // Free the connection; not awaited (a cancel may only settle once the body is pulled).
    first.body?.cancel().catch(() => undefined);
    return send(options.fetch, withBearer(request, fresh.access_token));
  };

  return {
    getTokens,
    setTokens,
    getAccessToken,
    refresh: () => refreshOnce(undefined),
    authFetch,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function withBearer(request: Request, token: string): Request {
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}
