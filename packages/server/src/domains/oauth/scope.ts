// Scope rules for every grant (RFC 6749 §3.3): what a client may ask for, what a user may hold.
import { InvalidScopeError } from '../../errors.js';
import type { Role } from '../../lib/operation.js';
import type { ClientRecord } from '../clients/index.js';
import { parseScope, type ScopeRegistry } from '../scopes/index.js';

/**
 * The requested scopes, or the client's allowed scopes when none were requested. Every scope
 * must be allowed for the client and known to the registry; otherwise invalid_scope.
 */
export function requestedScopes(
  requested: string | undefined,
  client: Pick<ClientRecord, 'scope'>,
  registry: ScopeRegistry,
): string[] {
  const allowed = new Set(parseScope(client.scope));
  if (requested === undefined) return [...allowed].filter((name) => registry.get(name));
  const asked = parseScope(requested);
  const refused = asked.filter((name) => !allowed.has(name) || !registry.get(name));
  if (refused.length > 0) {
    throw new InvalidScopeError(`The client may not request: ${refused.join(' ')}.`);
  }
  return asked;
}

/** RFC 6749 §3.3: the server may grant less than asked; a member never holds admin scopes. */
export function scopesForUser(scopes: string[], role: Role, registry: ScopeRegistry): string[] {
  return scopes.filter((name) => registry.allowedForRole(name, role));
}

/** RFC 6749 §6: a refresh may only narrow the scope; undefined keeps it. */
export function narrowedScopes(requested: string | undefined, granted: string): string[] {
  const held = parseScope(granted);
  if (requested === undefined) return held;
  const asked = parseScope(requested);
  const extra = asked.filter((name) => !held.includes(name));
  if (extra.length > 0) {
    throw new InvalidScopeError(`The scope exceeds what was granted: ${extra.join(' ')}.`);
  }
  return asked;
}
