// What every data hook shares: the generated client they run on (errors typed as the SDK's),
// paged and single queries over generated options, and mutations that invalidate what they
// change (by the generated keys' operation `_id`).
import { createLatchkeyClient, type LatchkeyClient } from '@latchkey/sdk';
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type MutationFunctionContext,
  type QueryClient,
  type QueryFunction,
  type QueryKey,
  type UseInfiniteQueryResult,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { AuthClient } from '../types.js';
import { useAuthClient } from '../context.js';
import { toLatchkeyError, type DataError } from '../errors.js';

/** The generated (hey-api) client type. */
export type Transport = LatchkeyClient['client'];

const transports = new WeakMap<AuthClient, Transport>();

/**
 * A generated client for the query options, signed by the AuthClient, whose errors are the
 * SDK's typed errors. Its own instance: the interceptor must not touch `authClient.api`.
 */
export function useTransport(): Transport {
  const auth = useAuthClient();
  let transport = transports.get(auth);
  if (!transport) {
    transport = createLatchkeyClient({
      baseUrl: auth.config.issuer,
      tokenManager: { authFetch: auth.authFetch },
    }).client;
    transport.interceptors.error.use((error, response) => toLatchkeyError(error, response));
    transports.set(auth, transport);
  }
  return transport;
}

/** Generated operation ids, as they appear in the query keys (`queryKey[0]._id`). */
export type OperationId =
  | 'listClients'
  | 'getClient'
  | 'listMyPersonalAccessTokens'
  | 'getPersonalAccessToken'
  | 'adminListPersonalAccessTokens'
  | 'listMyAuthorizations'
  | 'listAuditEvents';

/** Marks every cached query of these operations stale and refetches the active ones. */
export function invalidate(queryClient: QueryClient, ids: readonly OperationId[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const head = query.queryKey[0] as { _id?: string } | undefined;
      return typeof head?._id === 'string' && (ids as readonly string[]).includes(head._id);
    },
  });
}

/**
 * What the list hooks return: a TanStack infinite query over cursor pages.
 *
 * @example
 * ```tsx
 * const result: PagedResult<ClientPage> = useClients();
 * const items = result.data?.pages.flatMap((page) => page.data) ?? [];
 * ```
 */
export type PagedResult<TPage> = UseInfiniteQueryResult<InfiniteData<TPage>, DataError>;

/**
 * What the single-item hooks return.
 *
 * @example
 * ```tsx
 * const result: QueryResult<Client> = useClient(id);
 * ```
 */
export type QueryResult<TData> = UseQueryResult<TData, DataError>;

/**
 * What the mutation hooks return.
 *
 * @example
 * ```tsx
 * const result: MutationResult<Client, UpdateClientVariables> = useUpdateClient();
 * ```
 */
export type MutationResult<TData, TVariables> = UseMutationResult<TData, DataError, TVariables>;

type PageParam = string | Record<string, unknown>;

/** A cursor-paginated list over generated infinite-query options. */
export function usePaged<TPage extends { next_cursor: string | null }>(
  options: { queryKey: QueryKey; queryFn?: unknown },
  enabled = true,
): UseInfiniteQueryResult<InfiniteData<TPage>, DataError> {
  return useInfiniteQuery<TPage, DataError, InfiniteData<TPage>, QueryKey, PageParam>({
    queryKey: options.queryKey,
    queryFn: options.queryFn as QueryFunction<TPage, QueryKey, PageParam>,
    initialPageParam: {},
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}

/** A single query over generated query options. */
export function useOne<TData>(
  options: { queryKey: QueryKey; queryFn?: unknown },
  enabled = true,
): UseQueryResult<TData, DataError> {
  return useQuery<TData, DataError>({
    queryKey: options.queryKey,
    queryFn: options.queryFn as QueryFunction<TData>,
    enabled,
  });
}

/**
 * Options the mutation hooks accept: TanStack's, without `mutationFn`. `onSettled` runs after
 * the hook's own cache invalidation.
 *
 * @example
 * ```tsx
 * const create = useCreateClient({ onSuccess: (client) => navigate(`/clients/${client.client_id}`) });
 * ```
 */
export type MutationHookOptions<TData, TVariables> = Omit<
  UseMutationOptions<TData, DataError, TVariables>,
  'mutationFn'
>;

/** A generated mutation's `mutationFn`, called with the request options for `variables`. */
type GeneratedMutation<TData, TOptions> = {
  mutationFn?: (options: TOptions, context: MutationFunctionContext) => Promise<TData>;
};

/** Extra behaviour of {@link useApiMutation}. */
interface ApiMutationBehaviour<TVariables> {
  /** The result holds a secret: it leaves the mutation cache as soon as no component shows it. */
  secret?: boolean;
  /** A query this mutation makes meaningless (a deleted object): removed, not refetched. */
  forget?: (variables: TVariables) => { id: OperationId; path: Record<string, string> };
}

/**
 * A mutation over a generated mutation factory: `toRequest` maps the hook's variables to the
 * generated request options; after it settles (success or not), `invalidates` is refetched.
 */
export function useApiMutation<TData, TVariables, TOptions>(
  generated: GeneratedMutation<TData, TOptions>,
  toRequest: (variables: TVariables) => TOptions,
  invalidates: readonly OperationId[],
  options: MutationHookOptions<TData, TVariables> = {},
  behaviour: ApiMutationBehaviour<TVariables> = {},
): UseMutationResult<TData, DataError, TVariables> {
  const queryClient = useQueryClient();
  return useMutation<TData, DataError, TVariables>({
    ...(behaviour.secret ? { gcTime: 0 } : {}),
    ...options,
    mutationFn: (variables, context) => generated.mutationFn!(toRequest(variables), context),
    onSettled: async (...args) => {
      const [, error, variables] = args;
      if (behaviour.forget && !error) {
        const { id, path } = behaviour.forget(variables);
        queryClient.removeQueries({
          predicate: (query) => {
            const head = query.queryKey[0] as { _id?: string; path?: Record<string, string> };
            return (
              head?._id === id &&
              Object.entries(path).every(([key, value]) => head.path?.[key] === value)
            );
          },
        });
      }
      await invalidate(queryClient, invalidates);
      await options.onSettled?.(...args);
    },
  });
}
