// Revoking a grant by id whether or not its record exists yet: a live grant is revoked; a
// missing one gets a revoked record under that id first (kept until `placeholder.expiresAt`),
// so a grant created later with that id is born revoked, and a token naming it (an unstored
// client_credentials grant) is refused.
import { DuplicateKeyError } from '../../lib/store-errors.js';
import type { GrantStore, NewGrant } from './store.js';

/** True when this call revoked the grant (false when it already was). */
export async function revokeGrantId(grants: GrantStore, placeholder: NewGrant): Promise<boolean> {
  if (await grants.revoke(placeholder.id)) return true;
  try {
    await grants.create(placeholder);
  } catch (error) {
    // Created meanwhile by its owner (or another revocation): revoke that one.
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
  return grants.revoke(placeholder.id);
}
