// Small record helpers shared by both adapters.
import type { ClientPatch } from '../domains/clients/store.js';

/**
 * Keeps only the keys a patch actually sets: `{ email: undefined }` means "leave as is",
 * while `{ email: null }` clears the field.
 */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Copies only `keys` that `source` has: a caller's extra properties never reach the database. */
export function pick<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]])) as Partial<
    Pick<T, K>
  >;
}

/** Every field a ClientPatch may set (the Record makes the compiler list them all). */
export const CLIENT_PATCH_KEYS = Object.keys({
  clientName: true,
  description: true,
  redirectUris: true,
  grantTypes: true,
  personalAccessTokensEnabled: true,
  tokenEndpointAuthMethod: true,
  scope: true,
  accessTokenLifetime: true,
  refreshTokenLifetime: true,
  skipConsent: true,
  secretDigest: true,
  secretHint: true,
  previousSecretDigest: true,
  previousSecretExpiresAt: true,
} satisfies Record<keyof ClientPatch, true>) as (keyof ClientPatch)[];
