// Bearer authentication (RFC 6750) for the management API, and the scope and role checks
// each operation declares in the spec (`security: [{ bearerAuth: [scope] }]`, `x-latchkey-role`).
import type { Operation } from 'openapi-backend';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Principal } from '../lib/operation.js';

/** Resolves a bearer credential (JWT access token or PAT) to its principal, or undefined. */
export type Authenticator = (token: string) => Promise<Principal | undefined>;

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/** Why a bearer check failed; the error is built only if the request is refused. */
export type BearerFailure = 'missing' | 'not-bearer' | 'invalid';

export function bearerFailureError(failure: BearerFailure | undefined): UnauthenticatedError {
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

/** The principal behind the request's bearer token, or why there is none. */
export async function bearerPrincipal(
  authenticate: Authenticator,
  header: string | undefined,
): Promise<Principal | BearerFailure> {
  const match = header ? BEARER.exec(header) : null;
  if (!match) return header ? 'not-bearer' : 'missing';
  return (await authenticate(match[1]!)) ?? 'invalid';
}

export const isBasic = (header: string | undefined): boolean => !!header && /^basic /i.test(header);

/** What an operation asks of a bearer principal, read from the spec once. */
export interface Requirement {
  scopes: readonly string[];
  admin: boolean;
}

export function requirementOf(operation: Operation): Requirement {
  return {
    scopes: (operation.security ?? []).flatMap((req) => req.bearerAuth ?? []),
    admin: (operation as { 'x-latchkey-role'?: string })['x-latchkey-role'] === 'admin',
  };
}

/** Checks the scope and role the operation requires; throws 403 when the principal lacks one. */
export function authorize(principal: Principal, required: Requirement): void {
  const missing = required.scopes.filter((scope) => !principal.scopes.has(scope));
  if (missing.length > 0) {
    throw new ForbiddenError(`The token lacks the scope ${missing.join(' ')}.`, missing.join(' '));
  }
  if (required.admin && principal.role !== 'admin') {
    throw new ForbiddenError('This operation requires the admin role.');
  }
}
