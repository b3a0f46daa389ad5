// client_credentials (RFC 6749 §4.4): a confidential client acting for itself; the token's
// subject is the client id (RFC 9068 §2.2) and no refresh token is issued (§4.4.3). Its grant is
// not stored (TokenIssuer.unstoredGrant).
import { UnauthorizedClientError } from '../../../errors.js';
import { isPublicClient } from '../../clients/index.js';
import type { ScopeRegistry } from '../../scopes/index.js';
import type { TokenIssuer } from '../issue.js';
import { requestedScopes } from '../scope.js';
import type { GrantPlugin } from './types.js';

export function clientCredentialsGrant(
  deps: { scopes: ScopeRegistry },
  issuer: TokenIssuer,
): GrantPlugin {
  return {
    grantType: 'client_credentials',
    async handle({ client, body }) {
      if (isPublicClient(client)) {
        throw new UnauthorizedClientError('client_credentials is only for confidential clients.');
      }
      const scopes = requestedScopes(body.scope, client, deps.scopes);
      return issuer.unstoredGrant(client, scopes);
    },
  };
}
