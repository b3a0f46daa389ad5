// GET /api/v1/scopes: every scope this server knows, in one page.
import type { ListScopesData, ListScopesResponses } from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import type { ScopeRegistry } from './registry.js';

export function scopeRoutes(deps: { scopes: ScopeRegistry }): Routes {
  const listScopes: OperationHandler<ListScopesData, ListScopesResponses> = () => ({
    status: 200,
    body: {
      data: deps.scopes.all.map(({ name, description, builtin }) => ({
        name,
        description,
        builtin,
      })),
      next_cursor: null,
    },
  });
  return { listScopes };
}
