// The OAuth 2.0 endpoints, keyed by operationId: the authorization endpoint and its pages
// (login, consent, logout), the token endpoint and its grants, revocation, introspection,
// metadata and keys.
import type { Routes } from '../../lib/operation.js';
import { AuthorizationEndpoint } from './authorization.js';
import { Consents } from './consent.js';
import { Credentials } from './credentials.js';
import { DEFAULT_LIMITS, type OAuthDeps, type OAuthLimits } from './deps.js';
import { authorizationCodeGrant } from './grants/authorization-code.js';
import { clientCredentialsGrant } from './grants/client-credentials.js';
import { passwordGrant } from './grants/password.js';
import { refreshTokenGrant } from './grants/refresh-token.js';
import { introspectEndpoint } from './introspect.js';
import { TokenIssuer } from './issue.js';
import { LoginEndpoint } from './login.js';
import { jwksEndpoint, metadataEndpoint } from './metadata.js';
import { revokeEndpoint } from './revoke.js';
import { LoginSessions } from './session.js';
import { tokenEndpoint } from './token-endpoint.js';

/** Operations that render pages or redirect, and so answer their own validation failures. */
export const OAUTH_PAGE_OPERATIONS = [
  'authorize',
  'authorizeDecision',
  'loginPage',
  'login',
  'logout',
] as const;

export function oauthRoutes(deps: OAuthDeps, limits: OAuthLimits = DEFAULT_LIMITS): Routes {
  const { stores, revocation } = deps;
  const sessions = new LoginSessions(stores.sessions, (id) => revocation.activeUser(id));
  const credentials = new Credentials(stores.users, deps.audit, {
    threshold: limits.lockoutThreshold,
    seconds: limits.lockoutSeconds,
  });
  const authorization = new AuthorizationEndpoint(deps, sessions, new Consents(stores.consents));
  const login = new LoginEndpoint(deps, sessions, credentials, limits);
  const issuer = new TokenIssuer(deps);
  const grants = [
    authorizationCodeGrant(deps, issuer),
    refreshTokenGrant(deps, issuer),
    passwordGrant({ scopes: deps.scopes, credentials }, issuer, limits),
    clientCredentialsGrant(deps, issuer),
  ];

  return {
    authorize: (req) => authorization.start(req),
    authorizeDecision: (req) => authorization.decide(req),
    loginPage: (req) => login.page(req),
    login: (req) => login.submit(req),
    logout: (req) => login.logout(req),
    token: tokenEndpoint((id) => revocation.client(id), grants),
    revokeToken: revokeEndpoint(deps),
    introspectToken: introspectEndpoint(deps),
    getAuthorizationServerMetadata: metadataEndpoint(deps),
    getJwks: jwksEndpoint(deps),
  };
}
