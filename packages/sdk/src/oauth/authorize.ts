// The front-channel half of the authorization code flow: the request URL and the callback.
import { OAuthError, ProtocolError } from '../errors.js';
import type { AuthorizationServerMetadata } from '../generated/types.gen.js';
import type { Pkce } from './pkce.js';

/**
 * Builds the URL that starts an authorization code flow with PKCE (RFC 6749 §4.1.1,
 * RFC 7636 §4.3). Send the user agent there; the answer comes back to `redirectUri`.
 *
 * @example
 * ```ts
 * const pkce = await createPkce();
 * const state = generateState();
 * location.assign(
 *   buildAuthorizeUrl({
 *     server, // from discover()
 *     clientId: 'cl_spa',
 *     redirectUri: 'https://app.example.com/callback',
 *     scope: ['profile', 'tokens:read'],
 *     state,
 *     pkce,
 *   }),
 * );
 * ```
 */
export function buildAuthorizeUrl(options: {
  server: Pick<AuthorizationServerMetadata, 'authorization_endpoint'>;
  clientId: string;
  /** Must exactly match a registered redirect URI; may be omitted when only one is registered. */
  redirectUri?: string;
  scope?: string | string[];
  /** Opaque CSRF token, checked again by `parseCallback` (see `generateState`). */
  state: string;
  /** From `createPkce()`; only the challenge is sent. */
  pkce: Pick<Pkce, 'codeChallenge'>;
  prompt?: 'none' | 'login' | 'consent';
  /** Extension parameters (e.g. `nonce`); the server ignores those it does not know. */
  extraParams?: Record<string, string>;
}): string {
  const url = new URL(options.server.authorization_endpoint);
  const params: Record<string, string | undefined> = {
    ...options.extraParams,
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: Array.isArray(options.scope) ? options.scope.join(' ') : options.scope,
    state: options.state,
    code_challenge: options.pkce.codeChallenge,
    code_challenge_method: 'S256',
    prompt: options.prompt,
  };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.href;
}

/**
 * What a successful authorization response carried.
 *
 * @example
 * ```ts
 * const { code }: CallbackResult = parseCallback(location.href, { expectedState, issuer });
 * ```
 */
export interface CallbackResult {
  /** The authorization code, for `exchangeCode`. */
  code: string;
  /** The state, equal to `expectedState`. */
  state: string;
}

/**
 * Reads the redirect back from the authorization endpoint. Checks, in this order, the issuer
 * (RFC 9207 `iss`, against mix-up attacks), the `state` (RFC 6749 §10.12, against CSRF), then
 * an `error` (thrown as OAuthError, e.g. `access_denied`), and returns the code.
 * Throws ProtocolError (`issuer_mismatch`, `state_mismatch`, `missing_code`) on a failed check.
 *
 * @example
 * ```ts
 * try {
 *   const { code } = parseCallback(window.location.href, {
 *     expectedState: sessionStorage.getItem('oauth_state')!,
 *     issuer: server.issuer,
 *   });
 * } catch (error) {
 *   if (isOAuthError(error) && error.error === 'access_denied') showMessage('Sign-in cancelled');
 *   else throw error;
 * }
 * ```
 */
export function parseCallback(
  url: string | URL,
  options: {
    expectedState: string;
    /** The issuer the request was sent to (`server.issuer`). */
    issuer: string;
    /** Refuse a response without `iss` (default true: Latchkey always sends it, RFC 9207). */
    requireIssuer?: boolean;
  },
): CallbackResult {
  const params = new URL(url).searchParams;
  const iss = params.get('iss');
  if (iss === null ? options.requireIssuer !== false : iss !== options.issuer) {
    throw new ProtocolError(
      'issuer_mismatch',
      iss === null
        ? 'The authorization response has no iss parameter (RFC 9207)'
        : `The authorization response comes from issuer ${iss}, expected ${options.issuer} (RFC 9207)`,
    );
  }
  const state = params.get('state');
  if (state !== options.expectedState) {
    throw new ProtocolError(
      'state_mismatch',
      'The state in the authorization response does not match the one sent (RFC 6749 §10.12)',
    );
  }
  const error = params.get('error');
  if (error !== null) {
    throw new OAuthError({
      error,
      error_description: params.get('error_description') ?? undefined,
      error_uri: params.get('error_uri') ?? undefined,
    });
  }
  const code = params.get('code');
  if (!code) throw new ProtocolError('missing_code', 'The authorization response has no code');
  return { code, state };
}
