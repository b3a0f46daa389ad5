// Is a grant, client or user still good? Answers from a cache trusted for one second, so a
// revocation by any instance sharing the store applies everywhere within a second, and at once
// on the instance that made it (it invalidates its own cache).
import { FreshnessCache } from '../../lib/cache.js';
import type { ClientRecord, ClientStore } from '../clients/store.js';
import type { UserRecord, UserStore } from '../users/store.js';
import type { AccessTokenClaims } from './access-tokens.js';
import type { GrantStore } from './store.js';

const FRESH_MS = 1_000;

export class RevocationState {
  private readonly grants = new FreshnessCache<string, boolean>(FRESH_MS);
  /** Revocation entries of unstored grants (client_credentials tokens). */
  private readonly revoked = new FreshnessCache<string, boolean>(FRESH_MS);
  private readonly clients = new FreshnessCache<string, ClientRecord | undefined>(FRESH_MS);
  private readonly users = new FreshnessCache<string, UserRecord | undefined>(FRESH_MS);

  constructor(
    private readonly grantStore: GrantStore,
    private readonly clientStore: ClientStore,
    private readonly userStore: UserStore,
  ) {}

  grantActive(id: string): Promise<boolean> {
    return this.grants.get(id, async () => {
      const grant = await this.grantStore.get(id);
      return !!grant && !grant.revokedAt && grant.expiresAt.getTime() > Date.now();
    });
  }

  /**
   * Is an access token's grant still good? A stored grant must be live; an unstored one
   * (client_credentials) must carry its client's current token generation and not have been
   * revoked on its own.
   */
  async accessTokenActive(claims: Pick<AccessTokenClaims, 'gid' | 'client_id' | 'gen'>) {
    if (claims.gen === undefined) return this.grantActive(claims.gid);
    const [client, revoked] = await Promise.all([
      this.client(claims.client_id),
      this.revoked.get(claims.gid, async (id) => !!(await this.grantStore.get(id))?.revokedAt),
    ]);
    return !!client && client.tokenGeneration === claims.gen && !revoked;
  }

  /** The client if it still exists. */
  client(id: string): Promise<ClientRecord | undefined> {
    return this.clients.get(id, (key) => this.clientStore.get(key));
  }

  /** The user if they exist and are not disabled. */
  async activeUser(id: string): Promise<UserRecord | undefined> {
    const user = await this.users.get(id, (key) => this.userStore.get(key));
    return user && !user.disabled ? user : undefined;
  }

  forgetGrant(id: string): void {
    this.grants.delete(id);
    this.revoked.delete(id);
  }

  /** After a client is deleted or its tokens revoked: every grant may have changed. */
  forgetClient(id: string): void {
    this.clients.delete(id);
    this.grants.clear();
    this.revoked.clear();
  }

  forgetUser(id: string): void {
    this.users.delete(id);
    this.grants.clear();
  }
}
