// PKCE (RFC 7636) with S256 only, on WebCrypto: works in browsers and Node 20+.
import { ProtocolError } from '../errors.js';

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * A PKCE pair: keep `codeVerifier` secret until the token request, send `codeChallenge` in the
 * authorization request.
 *
 * @example
 * ```ts
 * const pkce: Pkce = await createPkce();
 * sessionStorage.setItem('pkce', pkce.codeVerifier);
 * ```
 */
export interface Pkce {
  /** 43–128 characters of `[A-Za-z0-9._~-]` (RFC 7636 §4.1). */
  codeVerifier: string;
  /** BASE64URL(SHA-256(codeVerifier)) (RFC 7636 §4.2). */
  codeChallenge: string;
  /** Always `S256`; Latchkey refuses `plain`. */
  codeChallengeMethod: 'S256';
}

/**
 * Creates a PKCE verifier (32 random bytes, 43 characters) and its S256 challenge.
 * Pass `codeVerifier` to derive the challenge of a verifier you already have.
 *
 * @example
 * ```ts
 * const pkce = await createPkce();
 * const url = buildAuthorizeUrl({ server, clientId, redirectUri, state, pkce });
 * // later: exchangeCode({ ..., codeVerifier: pkce.codeVerifier })
 * ```
 */
export async function createPkce(options: { codeVerifier?: string } = {}): Promise<Pkce> {
  const codeVerifier = options.codeVerifier ?? base64url(randomBytes(32));
  if (!VERIFIER.test(codeVerifier)) {
    throw new ProtocolError(
      'invalid_response',
      'A PKCE code verifier must be 43-128 characters of [A-Za-z0-9._~-] (RFC 7636 §4.1)',
    );
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return {
    codeVerifier,
    codeChallenge: base64url(new Uint8Array(digest)),
    codeChallengeMethod: 'S256',
  };
}

/**
 * A random, unguessable `state` value (128 bits, base64url) for CSRF protection of the
 * authorization request (RFC 6749 §10.12).
 *
 * @example
 * ```ts
 * const state = generateState();
 * sessionStorage.setItem('oauth_state', state);
 * ```
 */
export function generateState(): string {
  return base64url(randomBytes(16));
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Base64url without padding (RFC 7636 Appendix A). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
