// A grant type is a plugin the token endpoint dispatches to (DESIGN.md): it receives the
// authenticated client and the request, and returns the token response or throws an OAuth error.
import type { TokenRequest, TokenResponse } from '../../../generated/index.js';
import type { AuditContext } from '../../audit/index.js';
import type { ClientRecord, GrantType } from '../../clients/index.js';

export interface GrantRequest {
  client: ClientRecord;
  body: TokenRequest;
  /** Who asked, for audit events. */
  context: AuditContext;
}

export interface GrantPlugin {
  grantType: GrantType;
  handle(request: GrantRequest): Promise<TokenResponse>;
}

/** The client as an audit actor. */
export function clientActor(client: ClientRecord) {
  return { type: 'client' as const, id: client.clientId, name: client.clientName };
}
