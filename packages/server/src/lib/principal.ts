// The caller of a management operation. Authentication happens before handlers (http/auth.ts);
// an operation that declares bearer security never reaches its handler without a principal.
import { UnauthenticatedError } from '../errors.js';
import type { OperationRequest, Principal } from './operation.js';

export function principalOf(request: Pick<OperationRequest, 'principal'>): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}
