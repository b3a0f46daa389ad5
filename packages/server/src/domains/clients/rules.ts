// What makes a client registration coherent, checked on create and on every update (against
// the merged result). Each problem is a field error the administrator can act on.
import type { FieldError } from '../../errors.js';
import type { ScopeRegistry } from '../scopes/index.js';
import type { ClientRecord } from './store.js';

export type ClientShape = Pick<
  ClientRecord,
  'redirectUris' | 'grantTypes' | 'tokenEndpointAuthMethod' | 'scope'
>;

export interface RuleContext {
  /** LATCHKEY_DEV: http redirect URIs on any host (development only). */
  devMode: boolean;
  scopes: ScopeRegistry;
}

/** RFC 8252 §7.3: loopback redirects may use http, on any port. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function redirectUriProblem(uri: string, devMode: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an absolute URI';
  }
  // RFC 6749 §3.1.2: the redirection endpoint URI must not include a fragment.
  if (uri.includes('#')) return 'must not contain a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && (LOOPBACK_HOSTS.has(url.hostname) || devMode)) return undefined;
  if (url.protocol === 'http:') {
    return 'must use https (http is allowed only for loopback hosts: 127.0.0.1, [::1], localhost)';
  }
  return 'must use https';
}

export function clientProblems(client: ClientShape, context: RuleContext): FieldError[] {
  const problems: FieldError[] = [];
  client.redirectUris.forEach((uri, i) => {
    const detail = redirectUriProblem(uri, context.devMode);
    if (detail) problems.push({ pointer: `/redirect_uris/${i}`, detail });
  });

  const grants = client.grantTypes;
  if (grants.includes('authorization_code') && client.redirectUris.length === 0) {
    problems.push({
      pointer: '/redirect_uris',
      detail: 'at least one redirect URI is required when authorization_code is enabled',
    });
  }
  const at = (grant: string) => `/grant_types/${grants.indexOf(grant as never)}`;
  if (
    grants.includes('refresh_token') &&
    !grants.includes('authorization_code') &&
    !grants.includes('password')
  ) {
    problems.push({
      pointer: at('refresh_token'),
      detail: 'refresh_token is only useful alongside authorization_code or password',
    });
  }
  // Public clients cannot keep a secret, so they may not act for themselves or take passwords.
  if (client.tokenEndpointAuthMethod === 'none') {
    for (const grant of ['password', 'client_credentials'] as const) {
      if (grants.includes(grant)) {
        problems.push({
          pointer: at(grant),
          detail: `${grant} is only allowed for confidential clients (token_endpoint_auth_method other than none)`,
        });
      }
    }
  }

  const unknown = context.scopes.unknown(client.scope);
  if (unknown.length > 0) {
    problems.push({ pointer: '/scope', detail: `unknown scope: ${unknown.join(', ')}` });
  }
  return problems;
}
