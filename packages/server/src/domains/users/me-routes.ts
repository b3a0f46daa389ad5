// Handlers for /api/v1/me: the caller's own profile and password.
import { InvalidRequestError, UnauthenticatedError } from '../../errors.js';
import type {
  ChangeMyPasswordData,
  ChangeMyPasswordResponses,
  GetMeData,
  GetMeResponses,
  UpdateMeData,
  UpdateMeResponses,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { verifyPassword } from '../../lib/passwords.js';
import { principalOf } from '../../lib/principal.js';
import { PasswordAttempts } from './attempts.js';
import type { UserDeps } from './deps.js';
import { presentUser } from './present.js';
import { UserService } from './service.js';

export function meRoutes(deps: UserDeps): Routes {
  const users = new UserService(deps);
  const attempts = new PasswordAttempts();

  const me = async (userId: string) => {
    const user = await deps.stores.users.get(userId);
    if (!user) throw new UnauthenticatedError('The token is invalid, expired or revoked.');
    return user;
  };

  // The record the token was just checked against (fresh within a second, and at once after a
  // change made on this instance) rather than a second read of the store on every call.
  const getMe: OperationHandler<GetMeData, GetMeResponses> = async (request) => {
    const user = await deps.revocation.activeUser(principalOf(request).userId);
    if (!user) throw new UnauthenticatedError('The token is invalid, expired or revoked.');
    return { status: 200, body: presentUser(user) };
  };

  const updateMe: OperationHandler<UpdateMeData, UpdateMeResponses> = async (request) => ({
    status: 200,
    body: presentUser(await users.updateProfile(principalOf(request), request.body, request)),
  });

  const changeMyPassword: OperationHandler<
    ChangeMyPasswordData,
    ChangeMyPasswordResponses
  > = async (request) => {
    const { userId } = principalOf(request);
    attempts.check(userId);
    const user = await me(userId);
    if (!(await verifyPassword(user.passwordHash, request.body.current_password))) {
      attempts.fail(userId);
      throw new InvalidRequestError('The current password is wrong.', [
        { pointer: '/current_password', detail: 'is not your current password' },
      ]);
    }
    attempts.reset(userId);
    await users.setPassword(userId, request.body.new_password, request, { self: true });
    return { status: 204 };
  };

  return { getMe, updateMe, changeMyPassword };
}
