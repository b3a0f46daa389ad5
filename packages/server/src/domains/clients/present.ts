// The API's view of a client (RFC 7591 names): never a secret or its digest, only a hint.
import type { Client } from '../../generated/index.js';
import { iso } from '../../lib/present.js';
import type { ClientRecord } from './store.js';

export function presentClient(client: ClientRecord): Client {
  return {
    client_id: client.clientId,
    client_name: client.clientName,
    description: client.description,
    redirect_uris: client.redirectUris,
    grant_types: client.grantTypes,
    personal_access_tokens_enabled: client.personalAccessTokensEnabled,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    scope: client.scope,
    access_token_lifetime: client.accessTokenLifetime,
    refresh_token_lifetime: client.refreshTokenLifetime,
    skip_consent: client.skipConsent,
    client_secret_hint: client.secretHint,
    created_at: iso(client.createdAt),
    updated_at: iso(client.updatedAt),
  };
}
