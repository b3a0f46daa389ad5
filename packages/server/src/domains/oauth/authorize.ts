// Checks an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3). Until the client and
// redirect URI are trusted, problems are shown on a page and never redirected; after that,
// they go back to the client (RFC 6749 §4.1.2.1).
import { LatchkeyError, type FieldError } from '../../errors.js';
import type { ClientRecord } from '../clients/index.js';
import { isPublicClient } from '../clients/index.js';
import type { ScopeRegistry } from '../scopes/index.js';
import { redirectUriMatches } from './redirect-uri.js';
import { requestedScopes } from './scope.js';

/** The parameters this server acts on; anything else is ignored (RFC 6749 §3.1). */
export const AUTHORIZATION_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'prompt',
] as const;

export type AuthorizationParams = Partial<Record<(typeof AUTHORIZATION_PARAMS)[number], string>>;

export interface AuthorizationRequest {
  client: ClientRecord;
  /** Where the response goes. */
  redirectUri: string;
  /** The redirect_uri parameter as sent, if it was (RFC 6749 §4.1.3 checks it again). */
  redirectUriParam: string | undefined;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | undefined;
  prompt: 'none' | 'login' | 'consent' | undefined;
  /** The recognized parameters, to sign into the consent form or resume after login. */
  params: AuthorizationParams;
}

/** An error for the client, delivered by redirect. */
export interface RedirectError {
  redirectUri: string;
  error: string;
  description: string;
  state: string | undefined;
}

export type CheckedRequest =
  | { kind: 'ok'; request: AuthorizationRequest }
  | { kind: 'page'; message: string }
  | { kind: 'redirect'; error: RedirectError };

/** Picks the recognized parameters; a repeated one is reported (RFC 6749 §3.1). */
export function pickParams(query: Record<string, unknown>): {
  params: AuthorizationParams;
  repeated: string[];
} {
  const params: AuthorizationParams = {};
  const repeated: string[] = [];
  for (const name of AUTHORIZATION_PARAMS) {
    const value = query[name];
    if (typeof value === 'string') params[name] = value;
    else if (Array.isArray(value)) repeated.push(name);
  }
  return { params, repeated };
}

interface Deps {
  client(id: string): Promise<ClientRecord | undefined>;
  scopes: ScopeRegistry;
}

export async function checkAuthorizationRequest(
  query: Record<string, unknown>,
  invalid: FieldError[] | undefined,
  deps: Deps,
): Promise<CheckedRequest> {
  const { params, repeated } = pickParams(query);
  // Step 1: the client and its redirect URI, or an error page.
  if (!params.client_id || repeated.includes('client_id') || params.client_id.length > 128) {
    return { kind: 'page', message: 'The request does not name a valid client (client_id).' };
  }
  const client = await deps.client(params.client_id);
  if (!client) return { kind: 'page', message: 'The application (client_id) is not known here.' };
  const redirectUri = trustedRedirect(client, params, repeated);
  if (typeof redirectUri !== 'string') return redirectUri;

  // Step 2: everything else is reported to the client.
  const badState = repeated.includes('state') || invalid?.some((f) => f.pointer === '/query/state');
  const state = badState ? undefined : params.state;
  const fail = (error: string, description: string): CheckedRequest => ({
    kind: 'redirect',
    error: { redirectUri, error, description, state },
  });
  if (params.response_type !== undefined && params.response_type !== 'code') {
    return fail('unsupported_response_type', 'Only response_type=code is supported.');
  }
  if (repeated.length > 0) {
    return fail('invalid_request', `Repeated parameter: ${repeated.join(', ')}.`);
  }
  const problems = (invalid ?? []).filter(
    (f) => !/^\/query\/(client_id|redirect_uri)$/.test(f.pointer),
  );
  if (problems.length > 0 || params.response_type === undefined) {
    const detail = problems.map((f) => `${f.pointer.replace('/query/', '')} ${f.detail}`);
    return fail(
      'invalid_request',
      `Invalid request: ${detail.join('; ') || 'response_type is required'}.`,
    );
  }
  if (!client.grantTypes.includes('authorization_code')) {
    return fail('unauthorized_client', 'This client may not use the authorization code grant.');
  }
  const pkce = pkceProblem(client, params);
  if (pkce) return fail('invalid_request', pkce);
  let scopes: string[];
  try {
    scopes = requestedScopes(params.scope, client, deps.scopes);
  } catch (err) {
    if (err instanceof LatchkeyError) return fail(err.code, err.message);
    throw err;
  }
  return {
    kind: 'ok',
    request: {
      client,
      redirectUri,
      redirectUriParam: params.redirect_uri,
      scopes,
      state,
      codeChallenge: params.code_challenge,
      prompt: params.prompt as AuthorizationRequest['prompt'],
      params,
    },
  };
}

function trustedRedirect(
  client: ClientRecord,
  params: AuthorizationParams,
  repeated: string[],
): string | CheckedRequest {
  if (repeated.includes('redirect_uri')) {
    return { kind: 'page', message: 'The redirect URI (redirect_uri) is repeated.' };
  }
  if (params.redirect_uri === undefined) {
    // The spec allows omitting it only when the client registered exactly one.
    if (client.redirectUris.length === 1) return client.redirectUris[0]!;
    return { kind: 'page', message: 'The request must name its redirect URI (redirect_uri).' };
  }
  if (!redirectUriMatches(client.redirectUris, params.redirect_uri)) {
    return { kind: 'page', message: 'The redirect URI is not registered for this application.' };
  }
  return params.redirect_uri;
}

/** RFC 7636 §4.3 and RFC 9700 §2.1.1: S256 only; required for public clients. */
function pkceProblem(client: ClientRecord, params: AuthorizationParams): string | undefined {
  const method = params.code_challenge_method;
  if (params.code_challenge !== undefined) {
    if (method === undefined || method === 'plain') {
      return 'code_challenge_method must be S256; plain is not supported.';
    }
    if (method !== 'S256') return `Unsupported code_challenge_method: ${method}.`;
    return undefined;
  }
  if (method !== undefined) return 'code_challenge_method was sent without code_challenge.';
  if (isPublicClient(client)) return 'PKCE is required: send code_challenge with method S256.';
  return undefined;
}
