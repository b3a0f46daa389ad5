// Opens the store named by DATABASE_URL: sqlite:<file>, sqlite::memory:, or mongodb://...
import type { AuditStore } from '../domains/audit/store.js';
import type { ClientStore } from '../domains/clients/store.js';
import type { SigningKeyStore } from '../domains/keys/store.js';
import type {
  AuthorizationCodeStore,
  ConsentStore,
  LoginSessionStore,
} from '../domains/oauth/store.js';
import type {
  GrantStore,
  PersonalAccessTokenStore,
  RefreshTokenStore,
} from '../domains/tokens/store.js';
import type { UserStore } from '../domains/users/store.js';

/** Every domain port, implemented by one adapter over one database. */
export interface Stores {
  clients: ClientStore;
  users: UserStore;
  grants: GrantStore;
  refreshTokens: RefreshTokenStore;
  personalAccessTokens: PersonalAccessTokenStore;
  authorizationCodes: AuthorizationCodeStore;
  consents: ConsentStore;
  sessions: LoginSessionStore;
  signingKeys: SigningKeyStore;
  audit: AuditStore;
  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStores(databaseUrl: string): Promise<Stores> {
  if (databaseUrl.startsWith('sqlite:')) {
    const { openSqlite } = await import('./sqlite/index.js');
    return openSqlite(databaseUrl.slice('sqlite:'.length));
  }
  if (/^mongodb(\+srv)?:\/\//.test(databaseUrl)) {
    const { openMongo } = await import('./mongo/index.js');
    return openMongo(databaseUrl);
  }
  throw new Error(`Unsupported DATABASE_URL scheme: ${databaseUrl.split(':', 1)[0]}`);
}
