// Handlers for /api/v1/clients (administrators): each a short list of named steps.
import type {
  CreateClientData,
  CreateClientResponses,
  DeleteClientData,
  DeleteClientResponses,
  GetClientData,
  GetClientResponses,
  ListClientsData,
  ListClientsResponses,
  RevokeClientTokensData,
  RevokeClientTokensResponses,
  RotateClientSecretData,
  RotateClientSecretResponses,
  UpdateClientData,
  UpdateClientResponses,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { apiPage, isoOrNull } from '../../lib/present.js';
import type { ClientDeps } from './deps.js';
import { presentClient } from './present.js';
import { ClientService } from './service.js';

export function clientRoutes(deps: ClientDeps): Routes {
  const clients = new ClientService(deps);

  const listClients: OperationHandler<ListClientsData, ListClientsResponses> = async ({
    query,
  }) => {
    const page = await deps.stores.clients.list({
      limit: query.limit ?? 20,
      cursor: query.cursor,
      name: query.name,
      grantType: query.grant_type,
    });
    return { status: 200, body: apiPage(page, presentClient) };
  };

  const createClient: OperationHandler<CreateClientData, CreateClientResponses> = async (
    request,
  ) => {
    const { client, secret } = await clients.create(request.body, request);
    return {
      status: 201,
      headers: { Location: `/api/v1/clients/${encodeURIComponent(client.clientId)}` },
      body: { ...presentClient(client), client_secret: secret },
    };
  };

  const getClient: OperationHandler<GetClientData, GetClientResponses> = async ({ path }) => ({
    status: 200,
    body: presentClient(await clients.get(path.client_id)),
  });

  const updateClient: OperationHandler<UpdateClientData, UpdateClientResponses> = async (
    request,
  ) => ({
    status: 200,
    body: presentClient(await clients.update(request.path.client_id, request.body, request)),
  });

  const deleteClient: OperationHandler<DeleteClientData, DeleteClientResponses> = async (
    request,
  ) => {
    await clients.delete(request.path.client_id, request);
    return { status: 204 };
  };

  const rotateClientSecret: OperationHandler<
    RotateClientSecretData,
    RotateClientSecretResponses
  > = async (request) => {
    const grace = request.body?.grace_period_seconds ?? 0;
    const rotated = await clients.rotateSecret(request.path.client_id, grace, request);
    return {
      status: 200,
      body: {
        ...presentClient(rotated.client),
        client_secret: rotated.secret,
        previous_secret_expires_at: isoOrNull(rotated.previousExpiresAt),
      },
    };
  };

  const revokeClientTokens: OperationHandler<
    RevokeClientTokensData,
    RevokeClientTokensResponses
  > = async (request) => ({
    status: 200,
    body: await clients.revokeTokens(request.path.client_id, request),
  });

  return {
    listClients,
    createClient,
    getClient,
    updateClient,
    deleteClient,
    rotateClientSecret,
    revokeClientTokens,
  };
}
