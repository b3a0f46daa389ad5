// Handlers for /api/v1/users (administrators).
import type {
  CreateUserData,
  CreateUserResponses,
  DeleteUserData,
  DeleteUserResponses,
  GetUserData,
  GetUserResponses,
  ListUsersData,
  ListUsersResponses,
  SetUserPasswordData,
  SetUserPasswordResponses,
  UpdateUserData,
  UpdateUserResponses,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { apiPage } from '../../lib/present.js';
import { principalOf } from '../../lib/principal.js';
import type { UserDeps } from './deps.js';
import { presentUser } from './present.js';
import { UserService } from './service.js';

export function userRoutes(deps: UserDeps): Routes {
  const users = new UserService(deps);

  const listUsers: OperationHandler<ListUsersData, ListUsersResponses> = async ({ query }) => {
    const page = await deps.stores.users.list({
      limit: query.limit ?? 20,
      cursor: query.cursor,
      q: query.q,
      role: query.role,
      disabled: query.disabled,
    });
    return { status: 200, body: apiPage(page, presentUser) };
  };

  const createUser: OperationHandler<CreateUserData, CreateUserResponses> = async (request) => {
    const user = await users.create(request.body, request);
    return {
      status: 201,
      headers: { Location: `/api/v1/users/${encodeURIComponent(user.id)}` },
      body: presentUser(user),
    };
  };

  const getUser: OperationHandler<GetUserData, GetUserResponses> = async ({ path }) => ({
    status: 200,
    body: presentUser(await users.get(path.user_id)),
  });

  const updateUser: OperationHandler<UpdateUserData, UpdateUserResponses> = async (request) => ({
    status: 200,
    body: presentUser(await users.update(request.path.user_id, request.body, request)),
  });

  const deleteUser: OperationHandler<DeleteUserData, DeleteUserResponses> = async (request) => {
    await users.delete(principalOf(request), request.path.user_id, request);
    return { status: 204 };
  };

  const setUserPassword: OperationHandler<SetUserPasswordData, SetUserPasswordResponses> = async (
    request,
  ) => {
    await users.setPassword(request.path.user_id, request.body.password, request);
    return { status: 204 };
  };

  return { listUsers, createUser, getUser, updateUser, deleteUser, setUserPassword };
}
