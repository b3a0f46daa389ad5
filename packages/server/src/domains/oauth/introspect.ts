// Token introspection (RFC 7662) for resource servers.
//
// Who may ask (§2.1): a confidential client, authenticated by its secret (basic or post) or by
// a live bearer token issued to it. Public clients cannot keep credentials, so they may not.
//
// What a caller may see (§4, "foreign" tokens answer { active: false }):
// - access tokens and personal access tokens: their audience is this instance's API, and every
//   confidential client may act as a resource server of that API, so any caller sees them;
// - refresh tokens are meant for the token endpoint only: only the client they were issued to
//   sees them.
// Revoked, expired and unknown tokens, and tokens of a deleted client or of a deleted or
// disabled user, are inactive.
import { InvalidClientError } from '../../errors.js';
import type {
  IntrospectionResponse,
  IntrospectTokenData,
  IntrospectTokenResponses,
} from '../../generated/index.js';
import { sha256 } from '../../lib/crypto.js';
import type { OperationHandler, OperationRequest } from '../../lib/operation.js';
import type { ClientRecord } from '../clients/index.js';
import { isPublicClient } from '../clients/index.js';
import { PAT_PREFIX } from '../tokens/index.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import type { OAuthDeps } from './deps.js';
import { REFRESH_TOKEN_PREFIX } from './issue.js';

const INACTIVE: IntrospectionResponse = { active: false };
type Deps = Pick<OAuthDeps, 'config' | 'stores' | 'revocation' | 'accessTokens' | 'pats'>;

export function introspectEndpoint(
  deps: Deps,
): OperationHandler<IntrospectTokenData, IntrospectTokenResponses> {
  const { config, stores, revocation, accessTokens, pats } = deps;
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

  /** Step 1: the caller, a confidential client. */
  async function caller(req: OperationRequest<IntrospectTokenData>): Promise<ClientRecord> {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let client: ClientRecord | undefined;
    if (bearer) {
      const clientId = req.principal?.clientId ?? (await clientOfToken(bearer));
      client = clientId ? await revocation.client(clientId) : undefined;
      if (!client) throw new InvalidClientError('The bearer token is invalid, expired or revoked.');
    } else {
      const credentials = presentedCredentials(req.headers, req.body);
      client = await authenticateClient(credentials, (id) => revocation.client(id));
    }
    if (isPublicClient(client))
      throw new InvalidClientError('Public clients may not introspect tokens.');
    return client;
  }

  /** A client-credentials access token names no user, so it is checked here. */
  async function clientOfToken(token: string): Promise<string | undefined> {
    const claims = accessTokens.decode(token);
    return claims && (await revocation.accessTokenActive(claims)) ? claims.client_id : undefined;
  }

  /** The user behind a token, if any; null when the token acts for no user. */
  async function username(userId: string | null | undefined): Promise<string | null | undefined> {
    if (!userId) return null;
    return (await revocation.activeUser(userId))?.username;
  }

  async function accessToken(token: string): Promise<IntrospectionResponse> {
    const claims = accessTokens.decode(token);
    if (!claims || !(await revocation.accessTokenActive(claims))) return INACTIVE;
    const [client, user] = await Promise.all([
      revocation.client(claims.client_id),
      username(claims.uid),
    ]);
    if (!client || user === undefined) return INACTIVE;
    return {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      ...(user ? { username: user } : {}),
      token_type: 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      nbf: claims.iat,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      jti: claims.jti,
    };
  }

  async function refreshToken(token: string, asker: ClientRecord): Promise<IntrospectionResponse> {
    const record = await stores.refreshTokens.find(sha256(token));
    if (!record || record.rotatedAt || record.clientId !== asker.clientId) return INACTIVE;
    const [active, user] = await Promise.all([
      revocation.grantActive(record.grantId),
      username(record.userId),
    ]);
    if (!active || user === undefined) return INACTIVE;
    return {
      active: true,
      scope: record.scope,
      client_id: record.clientId,
      ...(user ? { username: user } : {}),
      exp: seconds(record.expiresAt),
      iat: seconds(record.createdAt),
      sub: record.userId ?? record.clientId,
      iss: config.issuer,
    };
  }

  async function personalAccessToken(token: string): Promise<IntrospectionResponse> {
    const pat = await pats.verify(token);
    if (!pat) return INACTIVE;
    const [client, user] = await Promise.all([
      revocation.client(pat.clientId),
      username(pat.userId),
    ]);
    if (!client?.personalAccessTokensEnabled || !user) return INACTIVE;
    return {
      active: true,
      scope: pat.scope,
      client_id: pat.clientId,
      username: user,
      token_type: 'Bearer',
      ...(pat.expiresAt ? { exp: seconds(pat.expiresAt) } : {}),
      iat: seconds(pat.createdAt),
      sub: pat.userId,
      aud: accessTokens.audience,
      iss: config.issuer,
      jti: pat.id,
    };
  }

  return async (req) => {
    const asker = await caller(req);
    const { token } = req.body;
    let body: IntrospectionResponse;
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) body = await refreshToken(token, asker);
    else if (token.startsWith(PAT_PREFIX)) body = await personalAccessToken(token);
    else body = await accessToken(token);
    return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
  };
}
