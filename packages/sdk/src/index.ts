/**
 * `@latchkey/sdk`: a typed client for Latchkey's management API, OAuth 2.0 helpers, a token
 * manager, typed errors and pagination. Runs on fetch and WebCrypto only (Node 20+, browsers).
 *
 * @example
 * ```ts
 * import { createLatchkeyClient, paginate } from '@latchkey/sdk';
 *
 * const latchkey = createLatchkeyClient({ baseUrl, token: process.env.LATCHKEY_TOKEN! });
 * for await (const client of paginate(latchkey.clients.list)) console.log(client.client_name);
 * ```
 *
 * @module
 */

export {
  createLatchkeyClient,
  type AdminTokensApi,
  type AuditEventsApi,
  type AuthorizationsApi,
  type CallOptions,
  type ClientsApi,
  type LatchkeyClient,
  type LatchkeyClientOptions,
  type ListAllPersonalAccessTokensQuery,
  type ListAuditEventsQuery,
  type ListClientsQuery,
  type ListUsersQuery,
  type MeApi,
  type PageQuery,
  type PersonalAccessTokensApi,
  type ScopesApi,
  type SigningKeysApi,
  type UsersApi,
} from './client.js';

export {
  ApiError,
  LatchkeyError,
  NetworkError,
  OAuthError,
  ProtocolError,
  SessionExpiredError,
  isApiError,
  isLatchkeyError,
  isNetworkError,
  isOAuthError,
  isProtocolError,
  isSessionExpiredError,
  type LatchkeyErrorCode,
  type LatchkeyErrorType,
  type OAuthErrorCode,
  type ProtocolErrorReason,
} from './errors.js';

export type { FetchLike } from './http.js';

export { buildAuthorizeUrl, parseCallback, type CallbackResult } from './oauth/authorize.js';
export { discover } from './oauth/discovery.js';
export { createPkce, generateState, type Pkce } from './oauth/pkce.js';
export {
  clientCredentials,
  exchangeCode,
  introspect,
  passwordGrant,
  refresh,
  revoke,
  type OAuthClient,
  type RequestOptions,
  type TokenSet,
} from './oauth/token.js';

export { paginate, type Page, type Paginator } from './paginate.js';

export {
  createTokenManager,
  memoryStorage,
  webStorage,
  type LockManagerLike,
  type TokenManager,
  type TokenManagerOptions,
  type TokenStorage,
} from './token-manager.js';

export type * from './models.js';
