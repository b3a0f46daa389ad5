// Authorization server metadata (RFC 8414 §2) and the JSON Web Key Set (RFC 7517 §5).
import type {
  AuthorizationServerMetadata,
  GetAuthorizationServerMetadataData,
  GetAuthorizationServerMetadataResponses,
  GetJwksData,
  GetJwksResponses,
  JsonWebKeySet,
} from '../../generated/index.js';
import type { OperationHandler } from '../../lib/operation.js';
import type { OAuthDeps } from './deps.js';

const CLIENT_AUTH = ['client_secret_basic', 'client_secret_post'];

export function serverMetadata(
  issuer: string,
  scopes: readonly { name: string }[],
): AuthorizationServerMetadata {
  const base = issuer.replace(/\/$/, '');
  return {
    issuer,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    introspection_endpoint: `${base}/oauth/introspect`,
    jwks_uri: `${base}/oauth/jwks`,
    scopes_supported: scopes.map((s) => s.name),
    response_types_supported: ['code'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'password',
      'client_credentials',
    ],
    token_endpoint_auth_methods_supported: [...CLIENT_AUTH, 'none'],
    revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH, 'none'],
    // Public clients may not introspect (see introspect.ts).
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH,
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
  };
}

export function metadataEndpoint(
  deps: Pick<OAuthDeps, 'config' | 'scopes'>,
): OperationHandler<GetAuthorizationServerMetadataData, GetAuthorizationServerMetadataResponses> {
  const body = serverMetadata(deps.config.issuer, deps.scopes.all);
  return () => ({ status: 200, body, headers: { 'Cache-Control': 'public, max-age=300' } });
}

export function jwksEndpoint(
  deps: Pick<OAuthDeps, 'keys'>,
): OperationHandler<GetJwksData, GetJwksResponses> {
  return async () => ({
    status: 200,
    // Short caching: after a rotation, verifiers must see the new key soon.
    body: (await deps.keys.jwks()) as JsonWebKeySet,
    headers: { 'Cache-Control': 'public, max-age=60' },
  });
}
