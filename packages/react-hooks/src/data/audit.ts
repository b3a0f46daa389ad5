// The audit trail and the scopes the server knows (read-only).
import type { ListAuditEventsQuery, AuditEventPage, ScopePage } from '@latchkey/sdk';
import { listAuditEventsInfiniteOptions, listScopesOptions } from '@latchkey/sdk/react-query';
import {
  useOne,
  usePaged,
  useTransport,
  type PagedResult,
  type QueryResult,
} from './shared.js';

/**
 * Filters of {@link useAuditEvents}.
 *
 * @example
 * ```ts
 * const filters: AuditFilters = { type: 'client.deleted', since: '2025-01-01T00:00:00Z' };
 * ```
 */
export type AuditFilters = Omit<ListAuditEventsQuery, 'cursor'>;

/**
 * Audit events, newest first, page by page (administrators, scope `audit:read`).
 *
 * @example
 * ```tsx
 * const { data, fetchNextPage, hasNextPage } = useAuditEvents({ target_type: 'client' });
 * ```
 */
export function useAuditEvents(filters: AuditFilters = {}): PagedResult<AuditEventPage> {
  const client = useTransport();
  return usePaged<AuditEventPage>(listAuditEventsInfiniteOptions({ client, query: filters }));
}

/**
 * Every scope the server knows, with descriptions (for scope pickers).
 *
 * @example
 * ```tsx
 * const { data } = useScopes();
 * data?.data.map((scope) => <option key={scope.name}>{scope.name}</option>);
 * ```
 */
export function useScopes(): QueryResult<ScopePage> {
  const client = useTransport();
  return useOne<ScopePage>(listScopesOptions({ client }));
}
