// Handlers for /api/v1/me/authorizations: the applications the caller granted access to, and
// withdrawing one (its grants, refresh and access tokens go with it).
import { NotFoundError } from '../../errors.js';
import type {
  Authorization,
  ListMyAuthorizationsData,
  ListMyAuthorizationsResponses,
  RevokeMyAuthorizationData,
  RevokeMyAuthorizationResponses,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { iso } from '../../lib/present.js';
import { principalOf } from '../../lib/principal.js';
import type { AuditLog } from '../audit/index.js';
import type { ClientStore } from '../clients/store.js';
import type { ConsentRecord, ConsentStore } from '../oauth/store.js';
import type { GrantStore, RevocationState } from '../tokens/index.js';

export interface AuthorizationDeps {
  stores: { consents: ConsentStore; clients: ClientStore; grants: GrantStore };
  revocation: RevocationState;
  audit: AuditLog;
}

export function authorizationRoutes(deps: AuthorizationDeps): Routes {
  const { consents, clients, grants } = deps.stores;

  const present = async (consent: ConsentRecord): Promise<Authorization | undefined> => {
    const client = await clients.get(consent.clientId);
    if (!client) return undefined;
    return {
      client_id: client.clientId,
      client_name: client.clientName,
      scope: consent.scope,
      created_at: iso(consent.createdAt),
      updated_at: iso(consent.updatedAt),
    };
  };

  const listMyAuthorizations: OperationHandler<
    ListMyAuthorizationsData,
    ListMyAuthorizationsResponses
  > = async (request) => {
    const { userId } = principalOf(request);
    const { limit = 20, cursor } = request.query;
    const page = await consents.listForUser(userId, { limit, cursor });
    const data = (await Promise.all(page.items.map(present))).filter((a) => !!a);
    return { status: 200, body: { data, next_cursor: page.nextCursor } };
  };

  const revokeMyAuthorization: OperationHandler<
    RevokeMyAuthorizationData,
    RevokeMyAuthorizationResponses
  > = async (request) => {
    const { userId } = principalOf(request);
    const clientId = request.path.client_id;
    const withdrawn = await consents.delete(userId, clientId);
    const revoked = await grants.revokeForUserAndClient(userId, clientId);
    if (!withdrawn && revoked === 0) {
      throw new NotFoundError(`You have not authorized a client with id ${clientId}.`);
    }
    // Drops the cached grant states, so this instance refuses the revoked tokens at once.
    deps.revocation.forgetUser(userId);
    await deps.audit.record(
      'authorization.revoked',
      request,
      { type: 'client', id: clientId },
      { user_id: userId, grants_revoked: revoked },
    );
    return { status: 204 };
  };

  return { listMyAuthorizations, revokeMyAuthorization };
}
