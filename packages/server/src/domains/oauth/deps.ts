// What the OAuth domain needs from the composition root (a structural subset of app.ts Services).
import type { AuditLog } from '../audit/index.js';
import type { ClientStore } from '../clients/index.js';
import type { SigningKeys } from '../keys/index.js';
import type { ScopeRegistry } from '../scopes/index.js';
import type {
  AccessTokens,
  GrantStore,
  PersonalAccessTokens,
  RefreshTokenStore,
  RevocationState,
} from '../tokens/index.js';
import type { UserStore } from '../users/store.js';
import type { AuthorizationCodeStore, ConsentStore, LoginSessionStore } from './store.js';

export interface OAuthDeps {
  config: {
    issuer: string;
    accessTokenTtl: number;
    refreshTokenTtl: number;
  };
  stores: {
    clients: ClientStore;
    users: UserStore;
    grants: GrantStore;
    refreshTokens: RefreshTokenStore;
    authorizationCodes: AuthorizationCodeStore;
    consents: ConsentStore;
    sessions: LoginSessionStore;
  };
  keys: SigningKeys;
  accessTokens: AccessTokens;
  revocation: RevocationState;
  pats: PersonalAccessTokens;
  audit: AuditLog;
  scopes: ScopeRegistry;
}

/** Abuse limits; the defaults suit production, tests may tighten them. */
export interface OAuthLimits {
  /** Failed logins before an account locks (login form and password grant). */
  lockoutThreshold: number;
  lockoutSeconds: number;
  /** Password-grant requests per client: burst size and sustained rate. */
  passwordGrantBurst: number;
  passwordGrantPerMinute: number;
  /** Failed logins per address (login form): burst size and sustained rate. */
  loginFailuresBurst: number;
  loginFailuresPerMinute: number;
}

export const DEFAULT_LIMITS: OAuthLimits = {
  lockoutThreshold: 5,
  lockoutSeconds: 15 * 60,
  passwordGrantBurst: 30,
  passwordGrantPerMinute: 30,
  loginFailuresBurst: 20,
  loginFailuresPerMinute: 10,
};
