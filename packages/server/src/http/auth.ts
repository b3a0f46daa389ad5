// Bearer authentication (RFC 6750) for the management API, and the scope and role checks
// each operation declares in the spec (`security: [{ bearerAuth: [scope] }]`, `x-latchkey-role`).
import type { Context as ApiContext } from 'openapi-backend';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Principal } from '../lib/operation.js';

/** Resolves a bearer credential (JWT access token or PAT) to its principal, or undefined. */
export type Authenticator = (token: string) => Promise<Principal | undefined>;

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;
type Failure = 'missing' | 'not-bearer' | 'invalid';
/** Why a request failed, kept cheaply; the error is built only if the request is refused. */
const failures = new WeakMap<object, Failure>();

function failureError(failure: Failure | undefined): UnauthenticatedError {
  switch (failure) {
    case 'not-bearer':
      return new UnauthenticatedError('The Authorization header is not a bearer token.');
    case 'invalid':
      return new UnauthenticatedError(
        'The token is invalid, expired or revoked.',
        'The token is invalid, expired or revoked',
      );
    default:
      return new UnauthenticatedError('A bearer token is required.');
  }
}

export function bearerSecurity(
  authenticate: Authenticator,
  isBuilt: (operationId: string) => boolean,
) {
  const handler = async (c: ApiContext): Promise<Principal | boolean> => {
    // An operation not built yet answers 501 to anyone: it does nothing and reveals nothing.
    if (!isBuilt(c.operation.operationId!)) return true;
    const header = c.request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      failures.set(c, header ? 'not-bearer' : 'missing');
      return false;
    }
    const principal = await authenticate(match[1]!);
    if (!principal) {
      failures.set(c, 'invalid');
      return false;
    }
    return principal;
  };
  return Object.assign(handler, {
    failure: (c: ApiContext) => failureError(failures.get(c)),
  });
}

/** Checks the scope and role the operation requires; throws 403 when the principal lacks one. */
export function authorize(c: ApiContext): void {
  const principal = c.security?.bearerAuth ?? c.security?.oauth2;
  if (!principal || typeof principal !== 'object') return;
  const { scopes, role } = principal as Principal;
  const required = (c.operation.security ?? []).flatMap((req) => req.bearerAuth ?? []);
  const missing = required.filter((scope) => !scopes.has(scope));
  if (missing.length > 0) {
    throw new ForbiddenError(`The token lacks the scope ${missing.join(' ')}.`, missing.join(' '));
  }
  const needed = (c.operation as { 'x-latchkey-role'?: string })['x-latchkey-role'];
  if (needed === 'admin' && role !== 'admin') {
    throw new ForbiddenError('This operation requires the admin role.');
  }
}
