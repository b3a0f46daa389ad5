// RFC 8414 authorization server metadata.
import { ProtocolError, errorFromResponse, isObject, readBody } from '../errors.js';
import type { AuthorizationServerMetadata } from '../generated/types.gen.js';
import { send } from '../http.js';
import type { RequestOptions } from './token.js';

/**
 * Fetches the authorization server's metadata (RFC 8414) from
 * `{issuer}/.well-known/oauth-authorization-server` (inserted before any path of the issuer,
 * RFC 8414 §3.1) and checks that it names the same issuer (§3.3). The result is the `server`
 * argument of the other OAuth helpers.
 *
 * @example
 * ```ts
 * const server = await discover('https://auth.example.com');
 * console.log(server.token_endpoint); // https://auth.example.com/oauth/token
 * ```
 */
export async function discover(
  issuer: string,
  options: RequestOptions = {},
): Promise<AuthorizationServerMetadata> {
  const base = new URL(issuer);
  const path = base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '');
  const url = new URL(`/.well-known/oauth-authorization-server${path}`, base.origin);
  const response = await send(
    options.fetch,
    new Request(url, { headers: { Accept: 'application/json' }, signal: options.signal }),
  );
  const body = await readBody(response);
  if (!response.ok) throw errorFromResponse(response, body);
  if (
    !isObject(body) ||
    typeof body.issuer !== 'string' ||
    typeof body.token_endpoint !== 'string'
  ) {
    throw new ProtocolError('invalid_response', `${url.href} is not authorization server metadata`);
  }
  if (body.issuer !== issuer.replace(/\/$/, '') && body.issuer !== issuer) {
    throw new ProtocolError(
      'issuer_mismatch',
      `The metadata names issuer ${body.issuer}, not ${issuer} (RFC 8414 §3.3)`,
    );
  }
  return body as AuthorizationServerMetadata;
}
