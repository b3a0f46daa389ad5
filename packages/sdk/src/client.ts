// createLatchkeyClient: the generated operations, grouped by resource, each returning its data
// or throwing a typed error.
import { ProtocolError, errorFromResponse, isLatchkeyError } from './errors.js';
import { createClient, type Client as GeneratedClient } from './generated/client/index.js';
import * as op from './generated/sdk.gen.js';
import type * as T from './generated/types.gen.js';
import { send, type FetchLike } from './http.js';
import type { TokenManager } from './token-manager.js';

/**
 * Per-call options every operation accepts as its last argument.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await latchkey.clients.list({ limit: 10 }, { signal: controller.signal });
 * ```
 */
export interface CallOptions {
  /** Aborts the request (a NetworkError is thrown). */
  signal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/**
 * `?limit=&cursor=` of every list operation.
 *
 * @example
 * ```ts
 * const query: PageQuery = { limit: 50, cursor: page.next_cursor ?? undefined };
 * ```
 */
export type PageQuery = { limit?: number; cursor?: string };
/**
 * Filters of `clients.list`.
 *
 * @example
 * ```ts
 * const query: ListClientsQuery = { name: 'acme', grant_type: 'client_credentials' };
 * ```
 */
export type ListClientsQuery = NonNullable<T.ListClientsData['query']>;
/**
 * Filters of `adminTokens.list`, for clean-up.
 *
 * @example
 * ```ts
 * const query: ListAllPersonalAccessTokensQuery = { unused_since: '2025-01-01T00:00:00Z' };
 * ```
 */
export type ListAllPersonalAccessTokensQuery = NonNullable<
  T.AdminListPersonalAccessTokensData['query']
>;
/**
 * Filters of `users.list`.
 *
 * @example
 * ```ts
 * const query: ListUsersQuery = { role: 'admin', disabled: false };
 * ```
 */
export type ListUsersQuery = NonNullable<T.ListUsersData['query']>;
/**
 * Filters of `auditEvents.list`.
 *
 * @example
 * ```ts
 * const query: ListAuditEventsQuery = { type: 'client.created', since: '2025-03-01T00:00:00Z' };
 * ```
 */
export type ListAuditEventsQuery = NonNullable<T.ListAuditEventsData['query']>;

/**
 * Client applications (administrators; scopes `clients:read` / `clients:write`).
 *
 * @example
 * ```ts
 * const { client_id, client_secret } = await latchkey.clients.create({
 *   client_name: 'Nightly export',
 *   grant_types: ['client_credentials'],
 *   scope: 'clients:read',
 * });
 * ```
 */
export interface ClientsApi {
  /** One page of clients, newest first. */
  list(query?: ListClientsQuery, options?: CallOptions): Promise<T.ClientPage>;
  /** Registers a client; `client_secret` is returned only now (null for public clients). */
  create(body: T.ClientCreate, options?: CallOptions): Promise<T.ClientWithSecret>;
  get(clientId: string, options?: CallOptions): Promise<T.Client>;
  /** Changes the given fields (merge semantics; `null` resets to the server default). */
  update(clientId: string, body: T.ClientUpdate, options?: CallOptions): Promise<T.Client>;
  /** Deletes the client and revokes everything issued under it. */
  delete(clientId: string, options?: CallOptions): Promise<void>;
  /** A new secret, shown once; the old one stays valid for `grace_period_seconds`. */
  rotateSecret(
    clientId: string,
    body?: T.RotateClientSecretRequest,
    options?: CallOptions,
  ): Promise<T.ClientSecretRotation>;
  /** Revokes every grant, token and consent of the client, keeping the client. */
  revokeTokens(clientId: string, options?: CallOptions): Promise<T.RevocationSummary>;
}

/**
 * The calling user's own personal access tokens (scopes `tokens:read` / `tokens:write`).
 *
 * @example
 * ```ts
 * const { token } = await latchkey.personalAccessTokens.create({
 *   name: 'CI deploy',
 *   client_id: 'cl_cli',
 *   scope: 'clients:read',
 * });
 * ```
 */
export interface PersonalAccessTokensApi {
  list(query?: PageQuery, options?: CallOptions): Promise<T.PersonalAccessTokenPage>;
  /** Creates a token; `token` is returned only now. */
  create(
    body: T.PersonalAccessTokenCreate,
    options?: CallOptions,
  ): Promise<T.PersonalAccessTokenWithSecret>;
  get(tokenId: string, options?: CallOptions): Promise<T.PersonalAccessToken>;
  revoke(tokenId: string, options?: CallOptions): Promise<void>;
  /** Replaces the secret (the old one stops working at once); `token` is returned only now. */
  rotate(tokenId: string, options?: CallOptions): Promise<T.PersonalAccessTokenWithSecret>;
}

/**
 * Every user's personal access tokens (administrators).
 *
 * @example
 * ```ts
 * const stale = await latchkey.adminTokens.list({ never_used: true });
 * await latchkey.adminTokens.bulkRevoke({ token_ids: stale.data.map((t) => t.id) });
 * ```
 */
export interface AdminTokensApi {
  list(
    query?: ListAllPersonalAccessTokensQuery,
    options?: CallOptions,
  ): Promise<T.PersonalAccessTokenPage>;
  revoke(tokenId: string, options?: CallOptions): Promise<void>;
  /** Unknown or already revoked ids are skipped, so `revoked` may be lower than sent. */
  bulkRevoke(
    body: T.BulkRevokePersonalAccessTokensRequest,
    options?: CallOptions,
  ): Promise<T.BulkRevokePersonalAccessTokensResult>;
}

/**
 * User accounts (administrators; scopes `users:read` / `users:write`).
 *
 * @example
 * ```ts
 * const grace = await latchkey.users.create({ username: 'grace', password, role: 'member' });
 * await latchkey.users.update(grace.id, { display_name: 'Grace Hopper' });
 * ```
 */
export interface UsersApi {
  list(query?: ListUsersQuery, options?: CallOptions): Promise<T.UserPage>;
  create(body: T.UserCreate, options?: CallOptions): Promise<T.User>;
  get(userId: string, options?: CallOptions): Promise<T.User>;
  update(userId: string, body: T.UserUpdate, options?: CallOptions): Promise<T.User>;
  delete(userId: string, options?: CallOptions): Promise<void>;
  setPassword(userId: string, body: T.SetUserPasswordRequest, options?: CallOptions): Promise<void>;
}

/**
 * The calling user's profile and password (scope `profile`).
 *
 * @example
 * ```ts
 * const me = await latchkey.me.get();
 * await latchkey.me.update({ display_name: 'Ada King' });
 * ```
 */
export interface MeApi {
  get(options?: CallOptions): Promise<T.User>;
  update(body: T.MeUpdate, options?: CallOptions): Promise<T.User>;
  changePassword(body: T.ChangePasswordRequest, options?: CallOptions): Promise<void>;
}

/**
 * Clients the calling user has consented to (scope `profile`).
 *
 * @example
 * ```ts
 * const { data } = await latchkey.authorizations.list();
 * await latchkey.authorizations.revoke(data[0]!.client_id);
 * ```
 */
export interface AuthorizationsApi {
  list(query?: PageQuery, options?: CallOptions): Promise<T.AuthorizationPage>;
  /** Withdraws consent and revokes the grants the client holds for the caller. */
  revoke(clientId: string, options?: CallOptions): Promise<void>;
}

/**
 * The scopes the server knows.
 *
 * @example
 * ```ts
 * const { data: scopes } = await latchkey.scopes.list();
 * ```
 */
export interface ScopesApi {
  /** All scopes in one page. */
  list(options?: CallOptions): Promise<T.ScopePage>;
}

/**
 * Access-token signing keys (administrators; scopes `keys:read` / `keys:write`).
 *
 * @example
 * ```ts
 * const key = await latchkey.signingKeys.rotate();
 * console.log(key.kid);
 * ```
 */
export interface SigningKeysApi {
  list(query?: PageQuery, options?: CallOptions): Promise<T.SigningKeyPage>;
  /** A new active key; the previous one is retired but stays in the JWKS. */
  rotate(options?: CallOptions): Promise<T.SigningKey>;
}

/**
 * The audit trail (administrators; scope `audit:read`).
 *
 * @example
 * ```ts
 * for await (const event of paginate(latchkey.auditEvents.list, { type: 'client.deleted' })) {
 *   console.log(event.created_at, event.actor.name, event.target?.id);
 * }
 * ```
 */
export interface AuditEventsApi {
  list(query?: ListAuditEventsQuery, options?: CallOptions): Promise<T.AuditEventPage>;
}

/**
 * The management API, grouped by resource. Every method resolves to the response data or
 * rejects with a typed error (ApiError, NetworkError, SessionExpiredError, ...). Methods do not
 * use `this`, so they can be passed around (`paginate(latchkey.users.list)`).
 *
 * @example
 * ```ts
 * const latchkey = createLatchkeyClient({ baseUrl, token: process.env.LATCHKEY_TOKEN });
 * const client = await latchkey.clients.get('cl_2b9f8e4a7c1d');
 * ```
 */
export interface LatchkeyClient {
  clients: ClientsApi;
  personalAccessTokens: PersonalAccessTokensApi;
  adminTokens: AdminTokensApi;
  users: UsersApi;
  me: MeApi;
  authorizations: AuthorizationsApi;
  scopes: ScopesApi;
  signingKeys: SigningKeysApi;
  auditEvents: AuditEventsApi;
  /**
   * The underlying generated client (hey-api), already authenticated: pass it as `client` to
   * the query options of `@latchkey/sdk/react-query`.
   */
  client: GeneratedClient;
}

/**
 * Options of {@link createLatchkeyClient}: the server, and a bearer `token` (a personal access
 * token, or a function answering the current access token) or a `tokenManager`.
 *
 * @example
 * ```ts
 * const options: LatchkeyClientOptions = {
 *   baseUrl: 'https://auth.example.com',
 *   token: process.env.LATCHKEY_TOKEN!,
 * };
 * ```
 */
export type LatchkeyClientOptions = {
  /** The server's origin, e.g. `https://auth.example.com` (no `/api/v1`). */
  baseUrl: string;
  /** Headers sent with every request (e.g. a User-Agent in Node). */
  headers?: Record<string, string>;
} & (
  | {
      token?: string | (() => string | Promise<string>);
      tokenManager?: never;
      /** A fetch to use instead of `globalThis.fetch`. */
      fetch?: FetchLike;
    }
  | {
      /** Signs requests and refreshes on expiry or a 401 (it brings its own fetch). */
      tokenManager: Pick<TokenManager, 'authFetch'>;
      token?: never;
      fetch?: never;
    }
);

/**
 * Creates a client for Latchkey's management API.
 *
 * @example
 * ```ts
 * import { createLatchkeyClient, isApiError } from '@latchkey/sdk';
 *
 * const latchkey = createLatchkeyClient({
 *   baseUrl: 'https://auth.example.com',
 *   token: process.env.LATCHKEY_TOKEN!, // a personal access token
 * });
 * try {
 *   const { data } = await latchkey.clients.list({ limit: 10 });
 * } catch (error) {
 *   if (isApiError(error) && error.status === 403) console.error('missing clients:read');
 * }
 * ```
 */
export function createLatchkeyClient(options: LatchkeyClientOptions): LatchkeyClient {
  const { token } = options;
  const transport: FetchLike = options.tokenManager
    ? options.tokenManager.authFetch
    : async (input, init) => {
        let request = new Request(input, init);
        if (token !== undefined) {
          const headers = new Headers(request.headers);
          headers.set(
            'Authorization',
            `Bearer ${typeof token === 'string' ? token : await token()}`,
          );
          request = new Request(request, { headers });
        }
        return send(options.fetch, request);
      };
  const client = createClient({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: transport as typeof fetch,
    headers: options.headers,
  });
  const c = (o?: CallOptions) => ({ client, signal: o?.signal, headers: o?.headers });

  return {
    client,
    clients: {
      list: (query, o) => call(op.listClients({ ...c(o), query })),
      create: (body, o) => call(op.createClient({ ...c(o), body })),
      get: (clientId, o) => call(op.getClient({ ...c(o), path: { client_id: clientId } })),
      update: (clientId, body, o) =>
        call(op.updateClient({ ...c(o), path: { client_id: clientId }, body })),
      delete: (clientId, o) => none(op.deleteClient({ ...c(o), path: { client_id: clientId } })),
      rotateSecret: (clientId, body, o) =>
        call(op.rotateClientSecret({ ...c(o), path: { client_id: clientId }, body: body ?? {} })),
      revokeTokens: (clientId, o) =>
        call(op.revokeClientTokens({ ...c(o), path: { client_id: clientId } })),
    },
    personalAccessTokens: {
      list: (query, o) => call(op.listMyPersonalAccessTokens({ ...c(o), query })),
      create: (body, o) => call(op.createPersonalAccessToken({ ...c(o), body })),
      get: (tokenId, o) =>
        call(op.getPersonalAccessToken({ ...c(o), path: { token_id: tokenId } })),
      revoke: (tokenId, o) =>
        none(op.revokePersonalAccessToken({ ...c(o), path: { token_id: tokenId } })),
      rotate: (tokenId, o) =>
        call(op.rotatePersonalAccessToken({ ...c(o), path: { token_id: tokenId } })),
    },
    adminTokens: {
      list: (query, o) => call(op.adminListPersonalAccessTokens({ ...c(o), query })),
      revoke: (tokenId, o) =>
        none(op.adminRevokePersonalAccessToken({ ...c(o), path: { token_id: tokenId } })),
      bulkRevoke: (body, o) => call(op.adminBulkRevokePersonalAccessTokens({ ...c(o), body })),
    },
    users: {
      list: (query, o) => call(op.listUsers({ ...c(o), query })),
      create: (body, o) => call(op.createUser({ ...c(o), body })),
      get: (userId, o) => call(op.getUser({ ...c(o), path: { user_id: userId } })),
      update: (userId, body, o) =>
        call(op.updateUser({ ...c(o), path: { user_id: userId }, body })),
      delete: (userId, o) => none(op.deleteUser({ ...c(o), path: { user_id: userId } })),
      setPassword: (userId, body, o) =>
        none(op.setUserPassword({ ...c(o), path: { user_id: userId }, body })),
    },
    me: {
      get: (o) => call(op.getMe(c(o))),
      update: (body, o) => call(op.updateMe({ ...c(o), body })),
      changePassword: (body, o) => none(op.changeMyPassword({ ...c(o), body })),
    },
    authorizations: {
      list: (query, o) => call(op.listMyAuthorizations({ ...c(o), query })),
      revoke: (clientId, o) =>
        none(op.revokeMyAuthorization({ ...c(o), path: { client_id: clientId } })),
    },
    scopes: {
      list: (o) => call(op.listScopes(c(o))),
    },
    signingKeys: {
      list: (query, o) => call(op.listSigningKeys({ ...c(o), query })),
      rotate: (o) => call(op.rotateSigningKeys(c(o))),
    },
    auditEvents: {
      list: (query, o) => call(op.listAuditEvents({ ...c(o), query })),
    },
  };
}

/** What a generated operation resolves to (its `fields` response style). */
type Fields<TData> = { data?: TData; error?: unknown; response?: Response };

/** The data of a 2xx, or the typed error of anything else. */
async function call<TData>(pending: Promise<Fields<TData>>): Promise<TData> {
  let result: Fields<TData>;
  try {
    result = await pending;
  } catch (error) {
    // The generated client throws only on an unparsable success body.
    if (isLatchkeyError(error)) throw error;
    throw new ProtocolError('invalid_response', `The response could not be read: ${String(error)}`);
  }
  const { data, error, response } = result;
  if (!response) {
    // fetch itself failed; `send` and authFetch already made it a typed error.
    if (isLatchkeyError(error)) throw error;
    throw new ProtocolError('invalid_response', String(error));
  }
  if (!response.ok) throw errorFromResponse(response, error);
  return data as TData;
}

/** For 204 operations: resolves to undefined. */
async function none(pending: Promise<Fields<unknown>>): Promise<void> {
  await call(pending);
}
