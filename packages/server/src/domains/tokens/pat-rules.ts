// What a new personal access token may carry: scopes the client allows, the user's role may
// hold and the requesting credential itself holds (a token never mints a stronger one), and an
// expiry within the administrators' maximum lifetime.
import type { FieldError } from '../../errors.js';
import type { Principal } from '../../lib/operation.js';
import type { ClientRecord } from '../clients/store.js';
import { parseScope, type ScopeRegistry } from '../scopes/index.js';

const DAY_MS = 86_400_000;

export function patScopeProblems(
  requested: string,
  client: ClientRecord,
  principal: Principal,
  registry: ScopeRegistry,
): FieldError[] {
  const scopes = parseScope(requested);
  if (scopes.length === 0) return [{ pointer: '/scope', detail: 'must name at least one scope' }];
  const allowedByClient = new Set(parseScope(client.scope));
  const checks: [string[], string][] = [
    [registry.unknown(requested), 'unknown scope'],
    [
      scopes.filter((s) => registry.get(s) && !allowedByClient.has(s)),
      'not allowed for this client',
    ],
    [
      scopes.filter((s) => registry.get(s) && !registry.allowedForRole(s, principal.role)),
      `not allowed for the ${principal.role} role`,
    ],
    [scopes.filter((s) => !principal.scopes.has(s)), 'not held by the token making this request'],
  ];
  return checks
    .filter(([names]) => names.length > 0)
    .map(([names, why]) => ({ pointer: '/scope', detail: `${why}: ${names.join(', ')}` }));
}

/**
 * No expiry by default; with a maximum-lifetime policy, omitting the expiry means the maximum.
 * Returns the expiry or the field problem.
 */
export function patExpiry(
  requested: string | null | undefined,
  maxLifetimeDays: number | undefined,
  now = Date.now(),
): { expiresAt: Date | null } | { problem: FieldError } {
  const latest = maxLifetimeDays === undefined ? undefined : now + maxLifetimeDays * DAY_MS;
  if (requested === null || requested === undefined) {
    return { expiresAt: latest === undefined ? null : new Date(latest) };
  }
  const expiresAt = new Date(requested);
  if (expiresAt.getTime() <= now) {
    return { problem: { pointer: '/expires_at', detail: 'must be in the future' } };
  }
  if (latest !== undefined && expiresAt.getTime() > latest) {
    return {
      problem: {
        pointer: '/expires_at',
        detail: `must be at most ${maxLifetimeDays} days from now (the maximum lifetime)`,
      },
    };
  }
  return { expiresAt };
}
