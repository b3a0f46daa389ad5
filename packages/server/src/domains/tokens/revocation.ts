// Is a grant, client or user still good? Answers from a cache trusted for one second, so a
// revocation by any instance sharing the store applies everywhere within a second, and at once
// on the instance that made it (it invalidates its own cache).
import { FreshnessCache } from '../../lib/cache.js';
import type { ClientRecord, ClientStore } from '../clients/store.js';
import type { UserRecord, UserStore } from '../users/store.js';
import type { GrantStore } from './store.js';

const FRESH_MS = 1_000;

export class RevocationState {
  private readonly grants = new FreshnessCache<string, boolean>(FRESH_MS);
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
  }

  /** After a client is deleted or its tokens revoked: every grant may have changed. */
  forgetClient(id: string): void {
    this.clients.delete(id);
    this.grants.clear();
  }

  forgetUser(id: string): void {
    this.users.delete(id);
    this.grants.clear();
  }
}
