// Client secrets: lk_cs_ + 256 random bits, shown once, stored as a SHA-256 digest.
// During a rotation's grace period the previous secret is accepted too.
import { constantTimeEqual, randomSecret, sha256 } from '../../lib/crypto.js';
import type { ClientRecord } from './store.js';

export const CLIENT_SECRET_PREFIX = 'lk_cs_';

export function newClientSecret(): { secret: string; digest: string; hint: string } {
  const secret = randomSecret(CLIENT_SECRET_PREFIX);
  return { secret, digest: sha256(secret), hint: secret.slice(-4) };
}

/** Constant-time check of a presented secret against the current and (in grace) previous one. */
export function clientSecretMatches(
  client: ClientRecord,
  presented: string,
  now = new Date(),
): boolean {
  const digest = sha256(presented);
  if (client.secretDigest && constantTimeEqual(digest, client.secretDigest)) return true;
  return (
    !!client.previousSecretDigest &&
    !!client.previousSecretExpiresAt &&
    client.previousSecretExpiresAt > now &&
    constantTimeEqual(digest, client.previousSecretDigest)
  );
}

/** Public clients (token_endpoint_auth_method none) have no secret and must use PKCE. */
export function isPublicClient(client: Pick<ClientRecord, 'tokenEndpointAuthMethod'>): boolean {
  return client.tokenEndpointAuthMethod === 'none';
}
