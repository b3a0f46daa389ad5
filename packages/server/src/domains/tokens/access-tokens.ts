// RFC 9068 JWT access tokens: typ at+jwt, ES256, with the grant id so revoking the grant
// revokes the token. Not stored.
import { randomId } from '../../lib/crypto.js';
import { signJwt, verifyJwt, type SigningKeys } from '../keys/index.js';

export interface AccessTokenClaims {
  iss: string;
  /** The user id, or the client id when no user is involved (RFC 9068 §2.2). */
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
  /** The grant (token family) this token belongs to. */
  gid: string;
  /** Present when the token acts for a user. */
  uid?: string;
  /**
   * Present on tokens whose grant is not stored (client_credentials): the client's token
   * generation when it was issued. `gid` then names no stored grant, only a revocation entry
   * should the token be revoked.
   */
  gen?: number;
}

export interface IssueAccessToken {
  clientId: string;
  userId: string | null;
  scope: string;
  grantId: string;
  ttlSeconds: number;
  /** For an unstored grant: the client's token generation (see AccessTokenClaims.gen). */
  generation?: number;
}

/** Verified tokens remembered, so a resource server introspecting the same token repeatedly
 * pays the ES256 verification (about 100 µs) once; bounded, and re-checked for expiry and for
 * its key still being published on every use. */
const VERIFIED_MAX = 5_000;

export class AccessTokens {
  private readonly verified = new Map<string, { kid: string; claims: AccessTokenClaims }>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: string,
  ) {}

  /** The audience of every access token: this instance's API. */
  get audience(): string {
    return this.issuer;
  }

  issue(input: IssueAccessToken): { token: string; claims: AccessTokenClaims } {
    const now = Math.floor(Date.now() / 1000);
    const claims: AccessTokenClaims = {
      iss: this.issuer,
      sub: input.userId ?? input.clientId,
      aud: this.audience,
      client_id: input.clientId,
      scope: input.scope,
      jti: randomId(),
      iat: now,
      exp: now + input.ttlSeconds,
      gid: input.grantId,
      ...(input.userId ? { uid: input.userId } : {}),
      ...(input.generation !== undefined ? { gen: input.generation } : {}),
    };
    const { kid, privateKey } = this.keys.current();
    return { token: signJwt({ alg: 'ES256', typ: 'at+jwt', kid }, claims, privateKey), claims };
  }

  /** Checks signature, type, issuer, audience and expiry; undefined when any fails. */
  decode(token: string): AccessTokenClaims | undefined {
    const now = Math.floor(Date.now() / 1000);
    const seen = this.verified.get(token);
    if (seen && this.keys.publicKey(seen.kid))
      return seen.claims.exp > now ? seen.claims : undefined;
    const verified = verifyJwt(token, (kid) => this.keys.publicKey(kid));
    if (!verified || verified.header.typ !== 'at+jwt') return undefined;
    const c = verified.claims;
    if (c.iss !== this.issuer || c.aud !== this.audience) return undefined;
    if (typeof c.exp !== 'number' || c.exp <= now) return undefined;
    if (typeof c.gid !== 'string' || typeof c.client_id !== 'string' || typeof c.scope !== 'string')
      return undefined;
    const claims = c as unknown as AccessTokenClaims;
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(token, { kid: verified.header.kid, claims });
    return claims;
  }
}
