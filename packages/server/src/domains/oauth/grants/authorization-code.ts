// authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6): a code is redeemed once; a replay is
// refused and revokes the grant issued from it (RFC 6749 §4.1.2); redirect_uri and the PKCE
// verifier must match what the authorization request carried.
import { createHash } from 'node:crypto';
import { InvalidGrantError, InvalidRequestError } from '../../../errors.js';
import { constantTimeEqual, randomId, sha256 } from '../../../lib/crypto.js';
import { DuplicateKeyError } from '../../../lib/store-errors.js';
import type { ClientRecord } from '../../clients/index.js';
import { parseScope } from '../../scopes/index.js';
import { revokeGrantId } from '../../tokens/index.js';
import type { AuthorizationCodeRecord } from '../store.js';
import type { OAuthDeps } from '../deps.js';
import type { TokenIssuer } from '../issue.js';
import { clientActor, type GrantPlugin, type GrantRequest } from './types.js';

const INVALID = 'The authorization code is invalid, expired or was already used.';

export function authorizationCodeGrant(
  deps: Pick<OAuthDeps, 'stores' | 'revocation' | 'audit'>,
  issuer: TokenIssuer,
): GrantPlugin {
  const { stores, revocation, audit } = deps;

  /** Step 1: redeem exactly once; a replay revokes what the first exchange issued. */
  async function redeem({
    client,
    body,
    context,
  }: GrantRequest): Promise<{ code: AuthorizationCodeRecord; grantId: string }> {
    if (!body.code) throw new InvalidRequestError('code is required.');
    const grantId = randomId();
    const result = await stores.authorizationCodes.redeem(sha256(body.code), grantId, new Date());
    if (!result) throw new InvalidGrantError(INVALID);
    if (!result.won) {
      await revokeReplayed(result.grantId, client);
      await audit.record(
        'authorization_code.replay_detected',
        context,
        { type: 'grant', id: result.grantId },
        { client_id: client.clientId },
        clientActor(client),
      );
      throw new InvalidGrantError(INVALID);
    }
    return { code: result.code, grantId };
  }

  /**
   * The winner may not have created its grant yet: then a revoked placeholder takes the id
   * first, and the winner's exchange fails instead of issuing tokens a replay should have killed.
   */
  async function revokeReplayed(grantId: string, client: ClientRecord): Promise<void> {
    await revokeGrantId(stores.grants, {
      id: grantId,
      clientId: client.clientId,
      userId: null,
      scope: '',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    revocation.forgetGrant(grantId);
  }

  /** Step 2: the code must be this client's, for the same redirect URI and PKCE verifier. */
  function verify(
    code: AuthorizationCodeRecord,
    client: ClientRecord,
    body: GrantRequest['body'],
  ): void {
    if (code.clientId !== client.clientId) throw new InvalidGrantError(INVALID);
    const sent = body.redirect_uri;
    const redirectOk = code.redirectUri
      ? sent === code.redirectUri
      : sent === undefined || client.redirectUris.includes(sent);
    if (!redirectOk)
      throw new InvalidGrantError('redirect_uri does not match the authorization request.');
    if (code.codeChallenge) {
      if (!body.code_verifier) throw new InvalidGrantError('code_verifier is required (PKCE).');
      const computed = createHash('sha256').update(body.code_verifier).digest('base64url');
      if (!constantTimeEqual(computed, code.codeChallenge)) {
        throw new InvalidGrantError('The code_verifier does not match the code_challenge.');
      }
    } else if (body.code_verifier !== undefined) {
      // RFC 9700 §2.1.1: a verifier without a challenge is a downgrade attempt.
      throw new InvalidGrantError(
        'code_verifier was sent but the authorization request had no code_challenge.',
      );
    }
  }

  return {
    grantType: 'authorization_code',
    async handle(request) {
      const { client } = request;
      const { code, grantId } = await redeem(request);
      verify(code, client, request.body);
      if (!(await revocation.activeUser(code.userId))) throw new InvalidGrantError(INVALID);
      return issuer
        .newGrant({
          client,
          userId: code.userId,
          scopes: parseScope(code.scope),
          refresh: client.grantTypes.includes('refresh_token'),
          grantId,
        })
        .catch((error: unknown) => {
          // A replay claimed this grant id first (see revokeReplayed).
          if (error instanceof DuplicateKeyError) throw new InvalidGrantError(INVALID);
          throw error;
        });
    },
  };
}
