// password (RFC 6749 §4.3), deprecated by RFC 9700 and kept for legacy desktop apps: opt-in per
// confidential client, rate limited per client, per-account lockout, and no refresh token
// unless the client also has the refresh_token grant.
import {
  InvalidGrantError,
  InvalidRequestError,
  TooManyRequestsError,
  UnauthorizedClientError,
} from '../../../errors.js';
import { RateLimiter } from '../../../lib/rate-limit.js';
import { isPublicClient } from '../../clients/index.js';
import type { ScopeRegistry } from '../../scopes/index.js';
import type { Credentials } from '../credentials.js';
import type { OAuthLimits } from '../deps.js';
import type { TokenIssuer } from '../issue.js';
import { requestedScopes, scopesForUser } from '../scope.js';
import type { GrantPlugin } from './types.js';

const INVALID = 'The username or password is incorrect, or the account is locked or disabled.';

export function passwordGrant(
  deps: { scopes: ScopeRegistry; credentials: Credentials },
  issuer: TokenIssuer,
  limits: OAuthLimits,
): GrantPlugin {
  const perClient = new RateLimiter(limits.passwordGrantBurst, limits.passwordGrantPerMinute);

  return {
    grantType: 'password',
    async handle({ client, body, context }) {
      if (isPublicClient(client)) {
        throw new UnauthorizedClientError('The password grant is only for confidential clients.');
      }
      const wait = perClient.take(client.clientId);
      if (wait > 0)
        throw new TooManyRequestsError(`Too many requests. Try again in ${wait} seconds.`, wait);
      if (!body.username || !body.password) {
        throw new InvalidRequestError('username and password are required.');
      }
      const scopes = requestedScopes(body.scope, client, deps.scopes);
      const result = await deps.credentials.check(body.username, body.password, {
        ...context,
        via: 'password_grant',
        clientId: client.clientId,
      });
      // One answer for every failure, so the endpoint tells nothing about accounts.
      if (!result.ok) throw new InvalidGrantError(INVALID);
      return issuer.newGrant({
        client,
        userId: result.user.id,
        scopes: scopesForUser(scopes, result.user.role, deps.scopes),
        refresh: client.grantTypes.includes('refresh_token'),
      });
    },
  };
}
