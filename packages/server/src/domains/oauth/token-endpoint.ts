// The token endpoint (RFC 6749 §3.2): authenticate the client, pick the grant plugin, check
// the client may use it, answer per §5.1 (JSON, no caching).
import { UnauthorizedClientError, UnsupportedGrantTypeError } from '../../errors.js';
import type { TokenData, TokenResponses } from '../../generated/index.js';
import type { OperationHandler } from '../../lib/operation.js';
import type { ClientRecord } from '../clients/index.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import type { GrantPlugin } from './grants/types.js';

export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

export function tokenEndpoint(
  lookupClient: (clientId: string) => Promise<ClientRecord | undefined>,
  plugins: GrantPlugin[],
): OperationHandler<TokenData, TokenResponses> {
  const grants = new Map(plugins.map((plugin) => [plugin.grantType as string, plugin]));

  function pickGrant(grantType: string, client: ClientRecord): GrantPlugin {
    const grant = grants.get(grantType);
    if (!grant)
      throw new UnsupportedGrantTypeError(`The grant type ${grantType} is not supported.`);
    if (!client.grantTypes.includes(grant.grantType)) {
      throw new UnauthorizedClientError(`This client may not use the ${grantType} grant.`);
    }
    return grant;
  }

  return async (req) => {
    const credentials = presentedCredentials(req.headers, req.body);
    const client = await authenticateClient(credentials, lookupClient);
    const grant = pickGrant(req.body.grant_type, client);
    const context = { ip: req.ip, userAgent: req.userAgent };
    const tokens = await grant.handle({ client, body: req.body, context });
    return { status: 200, body: tokens, headers: { ...NO_STORE } };
  };
}
