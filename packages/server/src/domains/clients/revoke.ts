// Revoking what was issued to a client: all of it (revoke-tokens), or what a narrower
// configuration no longer allows (update). Caches are dropped afterwards so this instance
// refuses the tokens at once; other instances follow within a second (RevocationState).
import { parseScope } from '../scopes/index.js';
import type { ClientDeps } from './deps.js';
import type { ClientRecord } from './store.js';

export interface RevocationSummary {
  access_grants: number;
  refresh_tokens: number;
  personal_access_tokens: number;
  consents: number;
}

export async function revokeEverything(
  deps: ClientDeps,
  client: ClientRecord,
): Promise<RevocationSummary> {
  const { grants, personalAccessTokens } = deps.stores;
  const [accessGrants, pats] = await Promise.all([
    grants.revokeForClient(client.clientId),
    personalAccessTokens.revokeForClient(client.clientId),
    // client_credentials tokens are not stored: they carry the generation this moves on.
    deps.stores.clients.nextTokenGeneration(client.clientId),
  ]);
  forget(deps, client.clientId);
  const consents = await deps.stores.consents.deleteForClient(client.clientId);
  return {
    access_grants: accessGrants,
    // A live grant holds exactly one unrotated refresh token when the client may refresh;
    // the ports count grants only (RefreshTokenStore has no per-client count).
    refresh_tokens: client.grantTypes.includes('refresh_token') ? accessGrants : 0,
    personal_access_tokens: pats,
    consents,
  };
}

/**
 * After an update: removing a grant type or a scope revokes the client's grants (a grant does
 * not record its grant type, so all of them); turning personal access tokens off revokes them;
 * removing a scope revokes the personal access tokens that carry it.
 */
export async function revokeNoLongerAllowed(
  deps: ClientDeps,
  before: ClientRecord,
  after: ClientRecord,
): Promise<{ access_grants: number; personal_access_tokens: number }> {
  const { grants, personalAccessTokens } = deps.stores;
  const keptScopes = new Set(parseScope(after.scope));
  const lostScopes = parseScope(before.scope).filter((s) => !keptScopes.has(s));
  const lostGrants = before.grantTypes.filter((g) => !after.grantTypes.includes(g));

  let accessGrants = 0;
  if (lostScopes.length > 0 || lostGrants.length > 0) {
    [accessGrants] = await Promise.all([
      grants.revokeForClient(after.clientId),
      deps.stores.clients.nextTokenGeneration(after.clientId),
    ]);
  }
  let pats = 0;
  if (before.personalAccessTokensEnabled && !after.personalAccessTokensEnabled) {
    pats = await personalAccessTokens.revokeForClient(after.clientId);
  } else if (lostScopes.length > 0) {
    pats = await revokePatsWithScopes(deps, after.clientId, new Set(lostScopes));
  }
  forget(deps, after.clientId);
  return { access_grants: accessGrants, personal_access_tokens: pats };
}

async function revokePatsWithScopes(
  deps: ClientDeps,
  clientId: string,
  scopes: Set<string>,
): Promise<number> {
  const store = deps.stores.personalAccessTokens;
  const doomed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ clientId, limit: 100, cursor });
    for (const pat of page.items) {
      if (parseScope(pat.scope).some((s) => scopes.has(s))) doomed.push(pat.id);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return doomed.length > 0 ? store.revokeMany(doomed) : 0;
}

function forget(deps: ClientDeps, clientId: string): void {
  deps.revocation.forgetClient(clientId);
  deps.pats.forgetAll();
}
