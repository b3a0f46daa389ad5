// Token, revocation and introspection requests: form-encoded bodies (RFC 6749 Appendix B) with
// client authentication per RFC 6749 §2.3.1, responses mapped to TokenSet or OAuthError.
import { ProtocolError, errorFromResponse, isObject, readBody } from '../errors.js';
import type {
  AuthorizationServerMetadata,
  IntrospectionResponse,
  TokenEndpointAuthMethod,
  TokenResponse,
} from '../generated/types.gen.js';
import { send, type FetchLike } from '../http.js';

/**
 * The OAuth client making the request, and how it authenticates (RFC 6749 §2.3):
 * `client_secret_basic` (HTTP Basic, the default when there is a secret),
 * `client_secret_post` (id and secret in the form body) or `none` (public clients: only the id).
 *
 * @example
 * ```ts
 * const client: OAuthClient = { clientId: 'cl_2b9f8e4a7c1d', clientSecret: process.env.SECRET };
 * const spa: OAuthClient = { clientId: 'cl_public_spa' }; // authMethod 'none'
 * ```
 */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  authMethod?: TokenEndpointAuthMethod;
}

/**
 * Options every token-endpoint helper accepts.
 *
 * @example
 * ```ts
 * const common: RequestOptions = { fetch: myFetch, signal: AbortSignal.timeout(5000) };
 * ```
 */
export interface RequestOptions {
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/**
 * Tokens from the token endpoint (RFC 6749 §5.1) plus `expires_at`, the access token's expiry
 * in seconds since the epoch, computed when the response arrived.
 *
 * @example
 * ```ts
 * const tokens: TokenSet = await refresh({ server, client, refreshToken });
 * const secondsLeft = tokens.expires_at - Date.now() / 1000;
 * ```
 */
export type TokenSet = TokenResponse & { expires_at: number };

/**
 * Exchanges an authorization code (with its PKCE verifier) for tokens
 * (RFC 6749 §4.1.3, RFC 7636 §4.5).
 *
 * @example
 * ```ts
 * const { code } = parseCallback(location.href, { expectedState, issuer: server.issuer });
 * const tokens = await exchangeCode({
 *   server,
 *   client: { clientId: 'cl_spa' },
 *   code,
 *   redirectUri: 'https://app.example.com/callback',
 *   codeVerifier: pkce.codeVerifier,
 * });
 * ```
 */
export function exchangeCode(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'token_endpoint'>;
    client: OAuthClient;
    code: string;
    redirectUri: string;
    codeVerifier: string;
  },
): Promise<TokenSet> {
  return tokenRequest(options, {
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.codeVerifier,
  });
}

/**
 * Uses a refresh token (RFC 6749 §6). Latchkey rotates refresh tokens on every use, so the
 * result always carries the refresh token to use next time: the new one, or the one passed in
 * when a server does not rotate. Store the result; never reuse the old token.
 *
 * @example
 * ```ts
 * tokens = await refresh({ server, client, refreshToken: tokens.refresh_token! });
 * ```
 */
export async function refresh(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'token_endpoint'>;
    client: OAuthClient;
    refreshToken: string;
    /** A narrower scope than granted (RFC 6749 §6). */
    scope?: string | string[];
  },
): Promise<TokenSet> {
  const tokens = await tokenRequest(options, {
    grant_type: 'refresh_token',
    refresh_token: options.refreshToken,
    scope: joinScope(options.scope),
  });
  return { ...tokens, refresh_token: tokens.refresh_token ?? options.refreshToken };
}

/**
 * Gets a token for the client itself (RFC 6749 §4.4), for service-to-service calls.
 *
 * @example
 * ```ts
 * const { access_token } = await clientCredentials({
 *   server,
 *   client: { clientId: 'cl_batch', clientSecret: process.env.LATCHKEY_CLIENT_SECRET },
 *   scope: ['clients:read'],
 * });
 * ```
 */
export function clientCredentials(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'token_endpoint'>;
    client: OAuthClient;
    scope?: string | string[];
  },
): Promise<TokenSet> {
  return tokenRequest(options, {
    grant_type: 'client_credentials',
    scope: joinScope(options.scope),
  });
}

/**
 * The resource owner password grant (RFC 6749 §4.3), for legacy desktop apps only: deprecated
 * by RFC 9700, off unless the client is configured for it, and rate limited.
 *
 * @example
 * ```ts
 * const tokens = await passwordGrant({
 *   server,
 *   client: { clientId: 'cl_desktop', clientSecret },
 *   username: 'ada',
 *   password,
 *   scope: 'profile',
 * });
 * ```
 */
export function passwordGrant(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'token_endpoint'>;
    client: OAuthClient;
    username: string;
    password: string;
    scope?: string | string[];
  },
): Promise<TokenSet> {
  return tokenRequest(options, {
    grant_type: 'password',
    username: options.username,
    password: options.password,
    scope: joinScope(options.scope),
  });
}

/**
 * Revokes an access or refresh token (RFC 7009). Unknown and already revoked tokens succeed
 * too (RFC 7009 §2.2); revoking a refresh token also ends the access tokens of its grant.
 *
 * @example
 * ```ts
 * await revoke({ server, client, token: tokens.refresh_token!, tokenTypeHint: 'refresh_token' });
 * ```
 */
export async function revoke(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'revocation_endpoint'>;
    client: OAuthClient;
    token: string;
    tokenTypeHint?: 'access_token' | 'refresh_token';
  },
): Promise<void> {
  await formPost(options.server.revocation_endpoint, options, {
    token: options.token,
    token_type_hint: options.tokenTypeHint,
  });
}

/**
 * Asks whether a token is active, and about whom (RFC 7662). The caller authenticates as a
 * client, or with a bearer token of its own (`bearerToken`).
 *
 * @example
 * ```ts
 * const info = await introspect({ server, client: resourceServer, token: incomingToken });
 * if (!info.active) return unauthorized();
 * console.log(info.sub, info.scope);
 * ```
 */
export async function introspect(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'introspection_endpoint'>;
    token: string;
    tokenTypeHint?: 'access_token' | 'refresh_token' | 'personal_access_token';
  } & ({ client: OAuthClient; bearerToken?: never } | { bearerToken: string; client?: never }),
): Promise<IntrospectionResponse> {
  const body = await formPost(options.server.introspection_endpoint, options, {
    token: options.token,
    token_type_hint: options.tokenTypeHint,
  });
  if (!isObject(body) || typeof body.active !== 'boolean') {
    throw new ProtocolError('invalid_response', 'The introspection response has no "active" flag');
  }
  return body as IntrospectionResponse;
}

// ---- internals ----

async function tokenRequest(
  options: RequestOptions & {
    server: Pick<AuthorizationServerMetadata, 'token_endpoint'>;
    client: OAuthClient;
  },
  params: Record<string, string | undefined>,
): Promise<TokenSet> {
  const receivedAt = Math.floor(Date.now() / 1000);
  const body = await formPost(options.server.token_endpoint, options, params);
  if (
    !isObject(body) ||
    typeof body.access_token !== 'string' ||
    typeof body.token_type !== 'string' ||
    body.token_type.toLowerCase() !== 'bearer'
  ) {
    throw new ProtocolError('invalid_response', 'The token response has no bearer access token');
  }
  const tokens = body as TokenResponse;
  // RFC 6749 §5.1: expires_in is RECOMMENDED; without it, assume an hour rather than forever.
  const expiresIn = typeof tokens.expires_in === 'number' ? tokens.expires_in : 3600;
  return { ...tokens, token_type: 'Bearer', expires_at: receivedAt + expiresIn };
}

/**
 * POSTs an application/x-www-form-urlencoded body with client authentication; answers the
 * parsed body of a 2xx, throws OAuthError (or ApiError for a non-OAuth error body) otherwise.
 */
async function formPost(
  url: string,
  options: RequestOptions & { client?: OAuthClient; bearerToken?: string },
  params: Record<string, string | undefined>,
): Promise<unknown> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, value);
  const headers = new Headers({
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  });
  if (options.bearerToken) headers.set('Authorization', `Bearer ${options.bearerToken}`);
  if (options.client) applyClientAuth(options.client, headers, form);
  const response = await send(
    options.fetch,
    new Request(url, { method: 'POST', headers, body: form, signal: options.signal }),
  );
  const body = await readBody(response);
  if (!response.ok) throw errorFromResponse(response, body);
  return body;
}

/** RFC 6749 §2.3.1: Basic credentials are the form-urlencoded id and secret. */
function applyClientAuth(client: OAuthClient, headers: Headers, form: URLSearchParams): void {
  const method = client.authMethod ?? (client.clientSecret ? 'client_secret_basic' : 'none');
  if (method === 'client_secret_basic') {
    const credentials = `${formEncode(client.clientId)}:${formEncode(client.clientSecret ?? '')}`;
    headers.set('Authorization', `Basic ${btoa(credentials)}`);
    return;
  }
  form.set('client_id', client.clientId);
  if (method === 'client_secret_post') form.set('client_secret', client.clientSecret ?? '');
}

/** application/x-www-form-urlencoded encoding of one value (spaces become '+'). */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

function joinScope(scope: string | string[] | undefined): string | undefined {
  return Array.isArray(scope) ? scope.join(' ') : scope;
}
