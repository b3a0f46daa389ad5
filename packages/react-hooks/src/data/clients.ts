// Client applications (administrators): list, read, create, update, delete, rotate the secret.
import type {
  Client,
  ClientCreate,
  ClientPage,
  ClientSecretRotation,
  ClientUpdate,
  ClientWithSecret,
  ListClientsQuery,
  RotateClientSecretRequest,
} from '@latchkey/sdk';
import {
  createClientMutation,
  deleteClientMutation,
  getClientOptions,
  listClientsInfiniteOptions,
  rotateClientSecretMutation,
  updateClientMutation,
} from '@latchkey/sdk/react-query';
import {
  useApiMutation,
  useOne,
  usePaged,
  useTransport,
  type MutationHookOptions,
  type MutationResult,
  type PagedResult,
  type QueryResult,
  type OperationId,
} from './shared.js';

const CLIENTS: OperationId[] = ['listClients', 'getClient', 'listAuditEvents'];
// Deleting a client also revokes the tokens and consents issued under it.
const CLIENT_AND_DEPENDENTS: OperationId[] = [
  ...CLIENTS,
  'listMyPersonalAccessTokens',
  'getPersonalAccessToken',
  'adminListPersonalAccessTokens',
  'listMyAuthorizations',
];

/**
 * Filters of {@link useClients} (the cursor is handled for you).
 *
 * @example
 * ```ts
 * const filters: ClientFilters = { name: 'acme', limit: 25 };
 * ```
 */
export type ClientFilters = Omit<ListClientsQuery, 'cursor'>;

/**
 * Client applications, newest first, page by page (`fetchNextPage()` follows `next_cursor`).
 * Needs scope `clients:read` and an administrator.
 *
 * @example
 * ```tsx
 * const { data, hasNextPage, fetchNextPage } = useClients({ name: search, limit: 20 });
 * const clients = data?.pages.flatMap((page) => page.data) ?? [];
 * ```
 */
export function useClients(filters: ClientFilters = {}): PagedResult<ClientPage> {
  const client = useTransport();
  return usePaged<ClientPage>(listClientsInfiniteOptions({ client, query: filters }));
}

/**
 * One client application (its secret is never returned, only `client_secret_hint`).
 *
 * @example
 * ```tsx
 * const { data: client, error } = useClient(clientId);
 * if (error?.code === 'api_error' && error.status === 404) return <p>No such client.</p>;
 * ```
 */
export function useClient(clientId: string | undefined): QueryResult<Client> {
  const client = useTransport();
  return useOne<Client>(
    getClientOptions({ client, path: { client_id: clientId ?? '' } }),
    Boolean(clientId),
  );
}

/**
 * Registers a client. The result carries `client_secret`, shown once: it is kept only while a
 * component shows it, never in the query cache. Invalidates the client lists.
 *
 * @example
 * ```tsx
 * const create = useCreateClient();
 * const { client_id, client_secret } = await create.mutateAsync({
 *   client_name: 'Acme Desktop',
 *   redirect_uris: ['https://app.example.com/callback'],
 *   grant_types: ['authorization_code', 'refresh_token'],
 * });
 * ```
 */
export function useCreateClient(options?: MutationHookOptions<ClientWithSecret, ClientCreate>): MutationResult<ClientWithSecret, ClientCreate> {
  const client = useTransport();
  return useApiMutation(
    createClientMutation({ client }),
    (body: ClientCreate) => ({ body }),
    CLIENTS,
    options,
    { secret: true },
  );
}

/**
 * Variables of {@link useUpdateClient}.
 *
 * @example
 * ```ts
 * const change: UpdateClientVariables = { clientId, changes: { client_name: 'Acme' } };
 * ```
 */
export interface UpdateClientVariables {
  clientId: string;
  changes: ClientUpdate;
}

/**
 * Changes a client (merge semantics: absent fields stay, `null` resets). Invalidates the
 * client and the lists.
 *
 * @example
 * ```tsx
 * const update = useUpdateClient();
 * update.mutate({ clientId, changes: { redirect_uris: ['https://app.example.com/cb'] } });
 * ```
 */
export function useUpdateClient(options?: MutationHookOptions<Client, UpdateClientVariables>): MutationResult<Client, UpdateClientVariables> {
  const client = useTransport();
  return useApiMutation(
    updateClientMutation({ client }),
    ({ clientId, changes }: UpdateClientVariables) => ({
      path: { client_id: clientId },
      body: changes,
    }),
    CLIENTS,
    options,
  );
}

/**
 * Deletes a client, revoking everything issued under it. Invalidates clients, tokens and
 * authorizations.
 *
 * @example
 * ```tsx
 * const remove = useDeleteClient({ onSuccess: () => navigate('/clients') });
 * remove.mutate(clientId);
 * ```
 */
export function useDeleteClient(options?: MutationHookOptions<unknown, string>): MutationResult<unknown, string> {
  const client = useTransport();
  return useApiMutation(
    deleteClientMutation({ client }),
    (clientId: string) => ({ path: { client_id: clientId } }),
    CLIENT_AND_DEPENDENTS,
    options,
    { forget: (clientId) => ({ id: 'getClient', path: { client_id: clientId } }) },
  );
}

/**
 * Variables of {@link useRotateClientSecret}.
 *
 * @example
 * ```ts
 * const rotation: RotateClientSecretVariables = { clientId, grace_period_seconds: 3600 };
 * ```
 */
export interface RotateClientSecretVariables extends RotateClientSecretRequest {
  clientId: string;
}

/**
 * Issues a new client secret, shown once (kept only while a component shows it); the previous
 * one stays valid for `grace_period_seconds`.
 *
 * @example
 * ```tsx
 * const rotate = useRotateClientSecret();
 * const { client_secret } = await rotate.mutateAsync({ clientId, grace_period_seconds: 0 });
 * ```
 */
export function useRotateClientSecret(
  options?: MutationHookOptions<ClientSecretRotation, RotateClientSecretVariables>,
): MutationResult<ClientSecretRotation, RotateClientSecretVariables> {
  const client = useTransport();
  return useApiMutation(
    rotateClientSecretMutation({ client }),
    ({ clientId, ...body }: RotateClientSecretVariables) => ({
      path: { client_id: clientId },
      body,
    }),
    CLIENTS,
    options,
    { secret: true },
  );
}
