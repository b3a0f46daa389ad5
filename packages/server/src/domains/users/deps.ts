// What the users domain needs from the composition root.
import type { AuditLog } from '../audit/index.js';
import type { LoginSessionStore } from '../oauth/store.js';
import type {
  GrantStore,
  PersonalAccessTokens,
  PersonalAccessTokenStore,
  RevocationState,
} from '../tokens/index.js';
import type { UserStore } from './store.js';

export interface UserDeps {
  stores: {
    users: UserStore;
    grants: GrantStore;
    personalAccessTokens: PersonalAccessTokenStore;
    sessions: LoginSessionStore;
  };
  revocation: RevocationState;
  pats: PersonalAccessTokens;
  audit: AuditLog;
}
