// Token revocation (RFC 7009). Access and refresh tokens both revoke their grant, so the whole
// family (every access and refresh token of it) is inactive at once; a client_credentials token,
// whose grant is not stored, gets a revocation entry under its grant id. A client may revoke
// only tokens issued to it; unknown, expired or already revoked tokens answer 200 (§2.2).
import { LatchkeyError, UnauthorizedClientError } from '../../errors.js';
import type { RevokeTokenData, RevokeTokenResponses } from '../../generated/index.js';
import { sha256 } from '../../lib/crypto.js';
import type { OperationHandler } from '../../lib/operation.js';
import { PAT_PREFIX, revokeGrantId } from '../tokens/index.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import type { OAuthDeps } from './deps.js';
import { clientActor } from './grants/types.js';
import { REFRESH_TOKEN_PREFIX } from './issue.js';
import { NO_STORE } from './token-endpoint.js';

export function revokeEndpoint(
  deps: Pick<OAuthDeps, 'stores' | 'revocation' | 'accessTokens' | 'audit'>,
): OperationHandler<RevokeTokenData, RevokeTokenResponses> {
  const { stores, revocation, accessTokens, audit } = deps;

  interface Owner {
    grantId: string;
    clientId: string;
    /** For an unstored grant: until when its revocation entry must be kept. */
    unstoredUntil?: Date;
  }

  /** The grant the token belongs to and the client it was issued to, if it is live. */
  async function owner(token: string): Promise<Owner | undefined> {
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) {
      const record = await stores.refreshTokens.find(sha256(token));
      return record && { grantId: record.grantId, clientId: record.clientId };
    }
    if (token.startsWith(PAT_PREFIX)) {
      // §2.2.1: personal access tokens are revoked through the management API.
      throw new LatchkeyError(
        400,
        'unsupported_token_type',
        'Bad Request',
        'Personal access tokens are revoked through the management API.',
      );
    }
    const claims = accessTokens.decode(token);
    if (!claims) return undefined;
    return {
      grantId: claims.gid,
      clientId: claims.client_id,
      ...(claims.gen !== undefined ? { unstoredUntil: new Date(claims.exp * 1000) } : {}),
    };
  }

  /** Revokes the grant; true when this call revoked it (false if it was already revoked). */
  async function revoke(found: Owner): Promise<boolean> {
    if (!found.unstoredUntil) return stores.grants.revoke(found.grantId);
    // The entry is a revoked grant record, kept as long as the token could be used.
    return revokeGrantId(stores.grants, {
      id: found.grantId,
      clientId: found.clientId,
      userId: null,
      scope: '',
      expiresAt: found.unstoredUntil,
    });
  }

  return async (req) => {
    const credentials = presentedCredentials(req.headers, req.body);
    const client = await authenticateClient(credentials, (id) => revocation.client(id));
    const found = await owner(req.body.token);
    if (found && found.clientId !== client.clientId) {
      // §2.1: the token was not issued to this client; it is left alone.
      throw new UnauthorizedClientError('The token was not issued to this client.');
    }
    if (found && (await revoke(found))) {
      revocation.forgetGrant(found.grantId);
      await audit.record(
        'token.revoked',
        { ip: req.ip, userAgent: req.userAgent },
        { type: 'grant', id: found.grantId },
        {
          client_id: client.clientId,
          token_type: req.body.token.startsWith(REFRESH_TOKEN_PREFIX)
            ? 'refresh_token'
            : 'access_token',
        },
        clientActor(client),
      );
    }
    return { status: 200, headers: { ...NO_STORE } };
  };
}
