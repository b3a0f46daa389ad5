// Personal access tokens: the caller's own (create, revoke, rotate) and, for administrators,
// everyone's (filter, bulk revoke).
import type {
  BulkRevokePersonalAccessTokensResult,
  ListAllPersonalAccessTokensQuery,
  PageQuery,
  PersonalAccessTokenCreate,
  PersonalAccessTokenPage,
  PersonalAccessTokenWithSecret,
} from '@latchkey/sdk';
import {
  adminBulkRevokePersonalAccessTokensMutation,
  adminListPersonalAccessTokensInfiniteOptions,
  createPersonalAccessTokenMutation,
  listMyPersonalAccessTokensInfiniteOptions,
  revokePersonalAccessTokenMutation,
  rotatePersonalAccessTokenMutation,
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

const TOKENS: OperationId[] = [
  'listMyPersonalAccessTokens',
  'getPersonalAccessToken',
  'adminListPersonalAccessTokens',
  'listAuditEvents',
];

/**
 * The caller's personal access tokens, page by page (scope `tokens:read`).
 *
 * @example
 * ```tsx
 * const { data } = usePersonalAccessTokens();
 * const tokens = data?.pages.flatMap((page) => page.data) ?? [];
 * ```
 */
export function usePersonalAccessTokens(query: Omit<PageQuery, 'cursor'> = {}): PagedResult<PersonalAccessTokenPage> {
  const client = useTransport();
  return usePaged<PersonalAccessTokenPage>(listMyPersonalAccessTokensInfiniteOptions({ client, query }));
}

/**
 * Creates a personal access token for the caller; `token` in the result is shown once and kept
 * only while a component shows it. Invalidates the token lists.
 *
 * @example
 * ```tsx
 * const create = useCreatePersonalAccessToken();
 * const { token } = await create.mutateAsync({
 *   name: 'CI deploy',
 *   client_id: 'latchkey-console',
 *   scope: 'clients:read',
 * });
 * ```
 */
export function useCreatePersonalAccessToken(
  options?: MutationHookOptions<PersonalAccessTokenWithSecret, PersonalAccessTokenCreate>,
): MutationResult<PersonalAccessTokenWithSecret, PersonalAccessTokenCreate> {
  const client = useTransport();
  return useApiMutation(
    createPersonalAccessTokenMutation({ client }),
    (body: PersonalAccessTokenCreate) => ({ body }),
    TOKENS,
    options,
    { secret: true },
  );
}

/**
 * Revokes one of the caller's personal access tokens at once. Invalidates the token lists.
 *
 * @example
 * ```tsx
 * const revoke = useRevokePersonalAccessToken();
 * revoke.mutate(token.id);
 * ```
 */
export function useRevokePersonalAccessToken(options?: MutationHookOptions<unknown, string>): MutationResult<unknown, string> {
  const client = useTransport();
  return useApiMutation(
    revokePersonalAccessTokenMutation({ client }),
    (tokenId: string) => ({ path: { token_id: tokenId } }),
    TOKENS,
    options,
    { forget: (tokenId) => ({ id: 'getPersonalAccessToken', path: { token_id: tokenId } }) },
  );
}

/**
 * Replaces a personal access token's secret (the old one stops working at once); the new
 * `token` is shown once. Invalidates the token lists.
 *
 * @example
 * ```tsx
 * const rotate = useRotatePersonalAccessToken();
 * const { token } = await rotate.mutateAsync(tokenId);
 * ```
 */
export function useRotatePersonalAccessToken(
  options?: MutationHookOptions<PersonalAccessTokenWithSecret, string>,
): MutationResult<PersonalAccessTokenWithSecret, string> {
  const client = useTransport();
  return useApiMutation(
    rotatePersonalAccessTokenMutation({ client }),
    (tokenId: string) => ({ path: { token_id: tokenId } }),
    TOKENS,
    options,
    { secret: true },
  );
}

/**
 * Filters of {@link useAllPersonalAccessTokens}.
 *
 * @example
 * ```ts
 * const stale: AllTokensFilters = { unused_since: new Date(Date.now() - 90 * 864e5).toISOString() };
 * ```
 */
export type AllTokensFilters = Omit<ListAllPersonalAccessTokensQuery, 'cursor'>;

/**
 * Every user's personal access tokens (administrators, scope `tokens:read`), page by page,
 * e.g. those unused for 90 days.
 *
 * @example
 * ```tsx
 * const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
 * const { data } = useAllPersonalAccessTokens({ unused_since: since });
 * ```
 */
export function useAllPersonalAccessTokens(filters: AllTokensFilters = {}): PagedResult<PersonalAccessTokenPage> {
  const client = useTransport();
  return usePaged<PersonalAccessTokenPage>(
    adminListPersonalAccessTokensInfiniteOptions({ client, query: filters }),
  );
}

/**
 * Revokes many personal access tokens at once (administrators). Invalidates the token lists.
 *
 * @example
 * ```tsx
 * const bulk = useBulkRevokePersonalAccessTokens();
 * const { revoked } = await bulk.mutateAsync(selectedIds);
 * ```
 */
export function useBulkRevokePersonalAccessTokens(
  options?: MutationHookOptions<BulkRevokePersonalAccessTokensResult, string[]>,
): MutationResult<BulkRevokePersonalAccessTokensResult, string[]> {
  const client = useTransport();
  return useApiMutation(
    adminBulkRevokePersonalAccessTokensMutation({ client }),
    (tokenIds: string[]) => ({ body: { token_ids: tokenIds } }),
    TOKENS,
    options,
  );
}
