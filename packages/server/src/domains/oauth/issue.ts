// Issues the tokens of a grant (RFC 6749 §5.1): an RFC 9068 access token carrying the grant id,
// and, when the client may refresh, an opaque refresh token (lk_rt_ + 256 bits, stored as
// SHA-256) that never outlives the grant's absolute expiry.
import { InvalidGrantError } from '../../errors.js';
import { randomId, randomSecret, sha256 } from '../../lib/crypto.js';
import type { TokenResponse } from '../../generated/index.js';
import type { ClientRecord } from '../clients/index.js';
import type { GrantRecord } from '../tokens/index.js';
import type { OAuthDeps } from './deps.js';

export const REFRESH_TOKEN_PREFIX = 'lk_rt_';

export interface NewGrantInput {
  client: ClientRecord;
  userId: string | null;
  scopes: string[];
  refresh: boolean;
  /** Known in advance for the code grant: the code store records it (RFC 6749 §4.1.2). */
  grantId?: string;
}

export class TokenIssuer {
  constructor(private readonly deps: Pick<OAuthDeps, 'config' | 'stores' | 'accessTokens'>) {}

  /** A new grant (token family) and its first tokens. */
  async newGrant(input: NewGrantInput): Promise<TokenResponse> {
    const { client, refresh } = input;
    const lifetime = refresh ? this.refreshTtl(client) : this.accessTtl(client);
    const scope = input.scopes.join(' ');
    const now = Date.now();
    const grant = await this.deps.stores.grants.create({
      id: input.grantId ?? randomId(),
      clientId: client.clientId,
      userId: input.userId,
      scope,
      expiresAt: new Date(now + lifetime * 1000),
    });
    return this.forGrant(grant, client, input.scopes, refresh ? scope : undefined, now);
  }

  /**
   * An access token whose grant is not stored (client_credentials): nothing is written per
   * token, so issuing costs no store round-trip and a busy machine client does not fill the
   * store. It carries the client's token generation; revoking all of the client's tokens moves
   * the generation on, revoking this one token writes a revocation entry under its grant id.
   */
  unstoredGrant(client: ClientRecord, scopes: string[]): TokenResponse {
    const ttl = this.accessTtl(client);
    const scope = scopes.join(' ');
    const { token } = this.deps.accessTokens.issue({
      clientId: client.clientId,
      userId: null,
      scope,
      grantId: randomId(),
      ttlSeconds: ttl,
      generation: client.tokenGeneration,
    });
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope };
  }

  /**
   * Tokens for an existing grant: the access token with `scopes`, and a refresh token with
   * `refreshScope` when given (RFC 6749 §6: the same scope as the one it replaces).
   */
  async forGrant(
    grant: GrantRecord,
    client: ClientRecord,
    scopes: string[],
    refreshScope: string | undefined,
    now = Date.now(),
  ): Promise<TokenResponse> {
    const left = Math.floor((grant.expiresAt.getTime() - now) / 1000);
    if (left < 1) throw new InvalidGrantError('The grant has expired.');
    const ttl = Math.min(this.accessTtl(client), left);
    const scope = scopes.join(' ');
    const { token } = this.deps.accessTokens.issue({
      clientId: client.clientId,
      userId: grant.userId,
      scope,
      grantId: grant.id,
      ttlSeconds: ttl,
    });
    const response: TokenResponse = {
      access_token: token,
      token_type: 'Bearer',
      expires_in: ttl,
      scope,
    };
    if (refreshScope !== undefined) {
      const refreshToken = randomSecret(REFRESH_TOKEN_PREFIX);
      await this.deps.stores.refreshTokens.insert({
        digest: sha256(refreshToken),
        grantId: grant.id,
        clientId: client.clientId,
        userId: grant.userId,
        scope: refreshScope,
        expiresAt: grant.expiresAt,
      });
      response.refresh_token = refreshToken;
    }
    return response;
  }

  private accessTtl(client: ClientRecord): number {
    return client.accessTokenLifetime ?? this.deps.config.accessTokenTtl;
  }

  private refreshTtl(client: ClientRecord): number {
    return client.refreshTokenLifetime ?? this.deps.config.refreshTokenTtl;
  }
}
