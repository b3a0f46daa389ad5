// The scope registry: Latchkey's built-in management scopes plus the instance's own API scopes
// (LATCHKEY_API_SCOPES). Descriptions are shown on the consent page and by GET /api/v1/scopes.
import type { Role } from '../../lib/operation.js';

export interface ScopeDefinition {
  name: string;
  description: string;
  builtin: boolean;
}

export const BUILTIN_SCOPES: readonly ScopeDefinition[] = [
  {
    name: 'profile',
    description: 'Read and update your profile and the applications you authorized',
    builtin: true,
  },
  { name: 'tokens:read', description: 'List your personal access tokens', builtin: true },
  {
    name: 'tokens:write',
    description: 'Create, rotate and revoke your personal access tokens',
    builtin: true,
  },
  { name: 'clients:read', description: 'View client applications (administrators)', builtin: true },
  {
    name: 'clients:write',
    description: 'Create, edit and delete client applications (administrators)',
    builtin: true,
  },
  { name: 'users:read', description: 'View user accounts (administrators)', builtin: true },
  {
    name: 'users:write',
    description: 'Create, edit and delete user accounts (administrators)',
    builtin: true,
  },
  { name: 'keys:read', description: 'View signing keys (administrators)', builtin: true },
  { name: 'keys:write', description: 'Rotate signing keys (administrators)', builtin: true },
  { name: 'audit:read', description: 'Read the audit log (administrators)', builtin: true },
];

/** Scopes only administrators may hold. */
const ADMIN_ONLY = new Set([
  'clients:read',
  'clients:write',
  'users:read',
  'users:write',
  'keys:read',
  'keys:write',
  'audit:read',
]);

export class ScopeRegistry {
  readonly all: readonly ScopeDefinition[];
  private readonly byName: Map<string, ScopeDefinition>;

  constructor(apiScopes: { name: string; description: string }[]) {
    const custom = apiScopes.filter((s) => !BUILTIN_SCOPES.some((b) => b.name === s.name));
    this.all = [...BUILTIN_SCOPES, ...custom.map((s) => ({ ...s, builtin: false }))];
    this.byName = new Map(this.all.map((s) => [s.name, s]));
  }

  get(name: string): ScopeDefinition | undefined {
    return this.byName.get(name);
  }

  /** Names in `scope` this registry does not know. */
  unknown(scope: string): string[] {
    return parseScope(scope).filter((name) => !this.byName.has(name));
  }

  /** Whether a user with this role may hold the scope. */
  allowedForRole(name: string, role: Role): boolean {
    return this.byName.has(name) && (role === 'admin' || !ADMIN_ONLY.has(name));
  }
}

/** RFC 6749 §3.3: space-delimited, order-insensitive, no duplicates. */
export function parseScope(scope: string | undefined | null): string[] {
  return [...new Set((scope ?? '').split(' ').filter(Boolean))];
}

export function formatScope(scopes: Iterable<string>): string {
  return [...new Set(scopes)].join(' ');
}
