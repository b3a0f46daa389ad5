// Handlers for personal access tokens: /api/v1/me/personal-access-tokens (the caller's own)
// and /api/v1/personal-access-tokens (administrators' oversight and clean-up).
import type {
  AdminBulkRevokePersonalAccessTokensData,
  AdminBulkRevokePersonalAccessTokensResponses,
  AdminListPersonalAccessTokensData,
  AdminListPersonalAccessTokensResponses,
  AdminRevokePersonalAccessTokenData,
  AdminRevokePersonalAccessTokenResponses,
  CreatePersonalAccessTokenData,
  CreatePersonalAccessTokenResponses,
  GetPersonalAccessTokenData,
  GetPersonalAccessTokenResponses,
  ListMyPersonalAccessTokensData,
  ListMyPersonalAccessTokensResponses,
  RevokePersonalAccessTokenData,
  RevokePersonalAccessTokenResponses,
  RotatePersonalAccessTokenData,
  RotatePersonalAccessTokenResponses,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { apiPage, dateParam } from '../../lib/present.js';
import { principalOf } from '../../lib/principal.js';
import { presentPat } from './pat-present.js';
import { PatService, type PatDeps } from './pat-service.js';
import type { PersonalAccessTokenRecord } from './store.js';

type H<D extends { body?: unknown; path?: unknown; query?: unknown }, R> = OperationHandler<D, R>;

export function patRoutes(deps: PatDeps): Routes {
  const pats = new PatService(deps);
  const store = deps.stores.personalAccessTokens;
  const withSecret = ({ token, record }: { token: string; record: PersonalAccessTokenRecord }) => ({
    ...presentPat(record),
    token,
  });

  const listMyPersonalAccessTokens: H<
    ListMyPersonalAccessTokensData,
    ListMyPersonalAccessTokensResponses
  > = async (request) => {
    const { userId } = principalOf(request);
    const { limit = 20, cursor } = request.query;
    return { status: 200, body: apiPage(await store.list({ userId, limit, cursor }), presentPat) };
  };

  const createPersonalAccessToken: H<
    CreatePersonalAccessTokenData,
    CreatePersonalAccessTokenResponses
  > = async (request) => {
    const created = await pats.create(principalOf(request), request.body, request);
    return {
      status: 201,
      body: withSecret(created),
      headers: {
        Location: `/api/v1/me/personal-access-tokens/${encodeURIComponent(created.record.id)}`,
      },
    };
  };

  const getPersonalAccessToken: H<
    GetPersonalAccessTokenData,
    GetPersonalAccessTokenResponses
  > = async (request) => ({
    status: 200,
    body: presentPat(await pats.getOwn(principalOf(request), request.path.token_id)),
  });

  const revokePersonalAccessToken: H<
    RevokePersonalAccessTokenData,
    RevokePersonalAccessTokenResponses
  > = async (request) => {
    await pats.revoke(await pats.getOwn(principalOf(request), request.path.token_id), request);
    return { status: 204 };
  };

  const rotatePersonalAccessToken: H<
    RotatePersonalAccessTokenData,
    RotatePersonalAccessTokenResponses
  > = async (request) => {
    const principal = principalOf(request);
    const old = await pats.getOwn(principal, request.path.token_id);
    return { status: 200, body: withSecret(await pats.rotate(principal, old, request)) };
  };

  const adminListPersonalAccessTokens: H<
    AdminListPersonalAccessTokensData,
    AdminListPersonalAccessTokensResponses
  > = async ({ query }) => {
    const page = await store.list({
      limit: query.limit ?? 20,
      cursor: query.cursor,
      userId: query.user_id,
      clientId: query.client_id,
      unusedSince: dateParam(query.unused_since),
      neverUsed: query.never_used,
      expiringBefore: dateParam(query.expiring_before),
    });
    return { status: 200, body: apiPage(page, presentPat) };
  };

  const adminRevokePersonalAccessToken: H<
    AdminRevokePersonalAccessTokenData,
    AdminRevokePersonalAccessTokenResponses
  > = async (request) => {
    await pats.revoke(await pats.getAny(request.path.token_id), request);
    return { status: 204 };
  };

  const adminBulkRevokePersonalAccessTokens: H<
    AdminBulkRevokePersonalAccessTokensData,
    AdminBulkRevokePersonalAccessTokensResponses
  > = async (request) => ({
    status: 200,
    body: { revoked: await pats.revokeMany(request.body.token_ids, request) },
  });

  return {
    listMyPersonalAccessTokens,
    createPersonalAccessToken,
    getPersonalAccessToken,
    revokePersonalAccessToken,
    rotatePersonalAccessToken,
    adminListPersonalAccessTokens,
    adminRevokePersonalAccessToken,
    adminBulkRevokePersonalAccessTokens,
  };
}
