// Authorization codes (RFC 6749 §4.1.2): 256 random bits, stored as a SHA-256 digest, valid
// for 60 seconds, single use; bound to the client, user, scope, redirect URI and PKCE challenge.
import { randomSecret, sha256 } from '../../lib/crypto.js';
import type { AuthorizationRequest } from './authorize.js';
import type { AuthorizationCodeStore } from './store.js';

export const CODE_TTL_SECONDS = 60;

export async function issueCode(
  store: AuthorizationCodeStore,
  request: AuthorizationRequest,
  userId: string,
  scopes: string[],
): Promise<string> {
  const code = randomSecret();
  await store.insert({
    digest: sha256(code),
    clientId: request.client.clientId,
    userId,
    // RFC 6749 §4.1.3: the token request must repeat redirect_uri only if this one had it;
    // '' records that it was omitted (the client's single registered URI was used).
    redirectUri: request.redirectUriParam ?? '',
    scope: scopes.join(' '),
    codeChallenge: request.codeChallenge ?? null,
    expiresAt: new Date(Date.now() + CODE_TTL_SECONDS * 1000),
  });
  return code;
}
