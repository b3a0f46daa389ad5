// What the clients domain needs from the composition root.
import type { AuditLog } from '../audit/index.js';
import type { ConsentStore } from '../oauth/store.js';
import type { ScopeRegistry } from '../scopes/index.js';
import type {
  GrantStore,
  PersonalAccessTokens,
  PersonalAccessTokenStore,
  RevocationState,
} from '../tokens/index.js';
import type { ClientStore } from './store.js';

export interface ClientDeps {
  config: { devMode: boolean };
  stores: {
    clients: ClientStore;
    grants: GrantStore;
    personalAccessTokens: PersonalAccessTokenStore;
    consents: ConsentStore;
  };
  revocation: RevocationState;
  pats: PersonalAccessTokens;
  audit: AuditLog;
  scopes: ScopeRegistry;
}
