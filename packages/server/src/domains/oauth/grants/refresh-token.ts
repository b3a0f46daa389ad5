// refresh_token (RFC 6749 §6, RFC 9700 §4.14.2): rotated on every use; presenting a rotated
// token again revokes its whole family; the scope may only narrow; the family's absolute
// expiry never moves.
import { InvalidGrantError, InvalidRequestError } from '../../../errors.js';
import { sha256 } from '../../../lib/crypto.js';
import type { ClientRecord } from '../../clients/index.js';
import type { GrantRecord, RefreshTokenRecord } from '../../tokens/index.js';
import type { OAuthDeps } from '../deps.js';
import type { TokenIssuer } from '../issue.js';
import { narrowedScopes } from '../scope.js';
import { clientActor, type GrantPlugin, type GrantRequest } from './types.js';

const INVALID = 'The refresh token is invalid, expired or revoked.';

export function refreshTokenGrant(
  deps: Pick<OAuthDeps, 'stores' | 'revocation' | 'audit'>,
  issuer: TokenIssuer,
): GrantPlugin {
  const { stores, revocation, audit } = deps;

  /** Reuse of a rotated token: someone holds a copy, so the family is revoked (RFC 9700 §4.14.2). */
  async function reuseDetected(
    token: RefreshTokenRecord,
    client: ClientRecord,
    context: GrantRequest['context'],
  ): Promise<never> {
    if (await stores.grants.revoke(token.grantId)) revocation.forgetGrant(token.grantId);
    await audit.record(
      'refresh_token.reuse_detected',
      context,
      { type: 'grant', id: token.grantId },
      { client_id: client.clientId },
      clientActor(client),
    );
    throw new InvalidGrantError(INVALID);
  }

  /** The grant must still be live and its user still enabled. */
  async function liveGrant(token: RefreshTokenRecord): Promise<GrantRecord> {
    const grant = await stores.grants.get(token.grantId);
    if (!grant || grant.revokedAt || grant.expiresAt.getTime() <= Date.now()) {
      throw new InvalidGrantError(INVALID);
    }
    if (grant.userId && !(await revocation.activeUser(grant.userId)))
      throw new InvalidGrantError(INVALID);
    return grant;
  }

  return {
    grantType: 'refresh_token',
    async handle({ client, body, context }) {
      if (!body.refresh_token) throw new InvalidRequestError('refresh_token is required.');
      const digest = sha256(body.refresh_token);
      // Step 1: find it; another client's token is refused without touching it.
      const token = await stores.refreshTokens.find(digest);
      if (!token || token.clientId !== client.clientId) throw new InvalidGrantError(INVALID);
      if (token.rotatedAt) return reuseDetected(token, client, context);
      // Step 2: check what is asked before consuming the token.
      const scopes = narrowedScopes(body.scope, token.scope);
      const grant = await liveGrant(token);
      // Step 3: rotate, exactly once; a concurrent loser is a reuse.
      const rotated = await stores.refreshTokens.rotate(digest, new Date());
      if (!rotated) throw new InvalidGrantError(INVALID);
      if (!rotated.won) return reuseDetected(rotated.token, client, context);
      // Step 4: new tokens; the new refresh token keeps the original scope (RFC 6749 §6).
      return issuer.forGrant(grant, client, scopes, token.scope);
    },
  };
}
