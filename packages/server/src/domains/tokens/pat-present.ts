// The API's view of a personal access token: a hint, never the secret or its digest.
import type { PersonalAccessToken } from '../../generated/index.js';
import { iso, isoOrNull } from '../../lib/present.js';
import type { PersonalAccessTokenRecord } from './store.js';

export function presentPat(record: PersonalAccessTokenRecord): PersonalAccessToken {
  return {
    id: record.id,
    name: record.name,
    user_id: record.userId,
    client_id: record.clientId,
    scope: record.scope,
    token_hint: record.hint,
    created_at: iso(record.createdAt),
    expires_at: isoOrNull(record.expiresAt),
    last_used_at: isoOrNull(record.lastUsedAt),
  };
}
