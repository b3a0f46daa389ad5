// Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3):
// client_secret_basic, client_secret_post, or none for public clients. A client must use the
// method it registered, and only one method per request.
import { InvalidClientError, InvalidRequestError } from '../../errors.js';
import {
  clientSecretMatches,
  type ClientRecord,
  type TokenEndpointAuthMethod,
} from '../clients/index.js';

export interface ClientCredentials {
  method: TokenEndpointAuthMethod;
  clientId: string;
  secret: string | undefined;
}

/** RFC 6749 §2.3.1: the Basic user and password are form-urlencoded before base64. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new InvalidClientError('The Authorization header is malformed.');
  }
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidClientError('The Authorization header is malformed.');
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** Which credentials the request carries; throws invalid_request when it mixes methods. */
export function presentedCredentials(
  headers: Readonly<Record<string, string | undefined>>,
  body: { client_id?: string | undefined; client_secret?: string | undefined },
): ClientCredentials | undefined {
  const basic = basicCredentials(headers.authorization);
  if (basic) {
    if (body.client_secret !== undefined) {
      throw new InvalidRequestError('Use one client authentication method, not several.');
    }
    if (body.client_id !== undefined && body.client_id !== basic.id) {
      throw new InvalidRequestError('client_id does not match the Authorization header.');
    }
    return { method: 'client_secret_basic', clientId: basic.id, secret: basic.secret };
  }
  if (!body.client_id) return undefined;
  if (body.client_secret !== undefined) {
    return { method: 'client_secret_post', clientId: body.client_id, secret: body.client_secret };
  }
  return { method: 'none', clientId: body.client_id, secret: undefined };
}

/** The authenticated client, or 401 invalid_client (with WWW-Authenticate). */
export async function authenticateClient(
  credentials: ClientCredentials | undefined,
  lookup: (clientId: string) => Promise<ClientRecord | undefined>,
): Promise<ClientRecord> {
  if (!credentials) throw new InvalidClientError('Client authentication is required.');
  const client = await lookup(credentials.clientId);
  if (!client) throw new InvalidClientError();
  if (client.tokenEndpointAuthMethod !== credentials.method) {
    throw new InvalidClientError(
      `This client must authenticate with ${client.tokenEndpointAuthMethod}.`,
    );
  }
  if (credentials.method !== 'none' && !clientSecretMatches(client, credentials.secret ?? '')) {
    throw new InvalidClientError();
  }
  return client;
}
