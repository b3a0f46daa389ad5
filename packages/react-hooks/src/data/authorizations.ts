// The apps the caller has authorized (consents), and withdrawing one.
import type { AuthorizationPage, PageQuery } from '@latchkey/sdk';
import {
  listMyAuthorizationsInfiniteOptions,
  revokeMyAuthorizationMutation,
} from '@latchkey/sdk/react-query';
import {
  useApiMutation,
  usePaged,
  useTransport,
  type MutationHookOptions,
  type MutationResult,
  type PagedResult,
  type OperationId,
} from './shared.js';

/**
 * The applications the caller has authorized, with the scopes granted, page by page.
 *
 * @example
 * ```tsx
 * const { data } = useAuthorizations();
 * const apps = data?.pages.flatMap((page) => page.data) ?? [];
 * ```
 */
export function useAuthorizations(query: Omit<PageQuery, 'cursor'> = {}): PagedResult<AuthorizationPage> {
  const client = useTransport();
  return usePaged<AuthorizationPage>(listMyAuthorizationsInfiniteOptions({ client, query }));
}

/**
 * Withdraws the caller's consent to a client and revokes the grants it holds for them.
 * Invalidates the authorizations list.
 *
 * @example
 * ```tsx
 * const revoke = useRevokeAuthorization();
 * revoke.mutate(authorization.client_id);
 * ```
 */
export function useRevokeAuthorization(options?: MutationHookOptions<unknown, string>): MutationResult<unknown, string> {
  const client = useTransport();
  const ids: OperationId[] = ['listMyAuthorizations', 'listAuditEvents'];
  return useApiMutation(
    revokeMyAuthorizationMutation({ client }),
    (clientId: string) => ({ path: { client_id: clientId } }),
    ids,
    options,
  );
}
