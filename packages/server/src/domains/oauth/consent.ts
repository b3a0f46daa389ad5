// Remembered consent per user and client: no second prompt for the same or fewer scopes;
// first-party clients (skip_consent) never prompt. `prompt=consent` always asks.
import type { ClientRecord } from '../clients/index.js';
import { formatScope, parseScope } from '../scopes/index.js';
import type { ConsentStore } from './store.js';

export class Consents {
  constructor(private readonly store: ConsentStore) {}

  /** Whether to ask the user, and whether a remembered consent already covers the scopes. */
  async status(
    userId: string,
    client: ClientRecord,
    scopes: string[],
    forcePrompt: boolean,
  ): Promise<{ ask: boolean; covered: boolean }> {
    const record = await this.store.get(userId, client.clientId);
    const granted = new Set(parseScope(record?.scope));
    const covered = record !== undefined && scopes.every((scope) => granted.has(scope));
    return { ask: forcePrompt || (!client.skipConsent && !covered), covered };
  }

  /** Records the consent, adding the scopes to those the user granted this client before. */
  async remember(userId: string, clientId: string, scopes: string[]): Promise<void> {
    const previous = parseScope((await this.store.get(userId, clientId))?.scope);
    await this.store.upsert(userId, clientId, formatScope([...previous, ...scopes]));
  }
}
