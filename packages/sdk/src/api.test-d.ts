// Pins the public API of @latchkey/sdk: a change here is a change users notice.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiError,
  buildAuthorizeUrl,
  clientCredentials,
  createLatchkeyClient,
  createPkce,
  createTokenManager,
  discover,
  exchangeCode,
  introspect,
  isApiError,
  isLatchkeyError,
  isOAuthError,
  paginate,
  parseCallback,
  refresh,
  revoke,
  type AuthorizationServerMetadata,
  type CallbackResult,
  type Client,
  type ClientPage,
  type ClientSecretRotation,
  type ClientWithSecret,
  type IntrospectionResponse,
  type LatchkeyClient,
  type LatchkeyErrorCode,
  type LatchkeyErrorType,
  type Page,
  type Paginator,
  type PersonalAccessTokenPage,
  type PersonalAccessTokenWithSecret,
  type Pkce,
  type ProblemFieldError,
  type TokenManager,
  type TokenSet,
  type User,
  type AuditEvent,
  type BulkRevokePersonalAccessTokensResult,
  type RevocationSummary,
  type ScopePage,
  type SigningKey,
} from './index.js';

declare const latchkey: LatchkeyClient;
declare const server: AuthorizationServerMetadata;

describe('createLatchkeyClient', () => {
  it('takes a base URL and a token or a token manager, not both', () => {
    expectTypeOf(
      createLatchkeyClient({ baseUrl: 'x', token: 'lk_pat_1' }),
    ).toEqualTypeOf<LatchkeyClient>();
    createLatchkeyClient({ baseUrl: 'x', token: async () => 't', fetch: globalThis.fetch });
    createLatchkeyClient({ baseUrl: 'x', tokenManager: createTokenManager() });
    // @ts-expect-error a token manager brings its own auth
    createLatchkeyClient({ baseUrl: 'x', token: 't', tokenManager: createTokenManager() });
    // @ts-expect-error baseUrl is required
    createLatchkeyClient({ token: 't' });
  });

  it('groups operations and resolves to the data', () => {
    expectTypeOf(latchkey.clients.list()).resolves.toEqualTypeOf<ClientPage>();
    expectTypeOf(latchkey.clients.create).parameter(0).toHaveProperty('client_name');
    expectTypeOf(
      latchkey.clients.create({ client_name: 'x' }),
    ).resolves.toEqualTypeOf<ClientWithSecret>();
    expectTypeOf(latchkey.clients.get('id')).resolves.toEqualTypeOf<Client>();
    expectTypeOf(
      latchkey.clients.update('id', { skip_consent: true }),
    ).resolves.toEqualTypeOf<Client>();
    expectTypeOf(latchkey.clients.delete('id')).resolves.toBeVoid();
    expectTypeOf(
      latchkey.clients.rotateSecret('id'),
    ).resolves.toEqualTypeOf<ClientSecretRotation>();
    expectTypeOf(latchkey.clients.revokeTokens('id')).resolves.toEqualTypeOf<RevocationSummary>();
    expectTypeOf(
      latchkey.personalAccessTokens.list(),
    ).resolves.toEqualTypeOf<PersonalAccessTokenPage>();
    expectTypeOf(
      latchkey.personalAccessTokens.rotate('pat'),
    ).resolves.toEqualTypeOf<PersonalAccessTokenWithSecret>();
    expectTypeOf(
      latchkey.adminTokens.bulkRevoke({ token_ids: ['a'] }),
    ).resolves.toEqualTypeOf<BulkRevokePersonalAccessTokensResult>();
    expectTypeOf(latchkey.users.get('u')).resolves.toEqualTypeOf<User>();
    expectTypeOf(latchkey.me.get()).resolves.toEqualTypeOf<User>();
    expectTypeOf(latchkey.scopes.list()).resolves.toEqualTypeOf<ScopePage>();
    expectTypeOf(latchkey.signingKeys.rotate()).resolves.toEqualTypeOf<SigningKey>();
    expectTypeOf(latchkey.auditEvents.list())
      .resolves.toHaveProperty('data')
      .toEqualTypeOf<AuditEvent[]>();
  });

  it('types request bodies and queries from the contract', () => {
    // @ts-expect-error client_name is required
    void latchkey.clients.create({ description: 'x' });
    // @ts-expect-error unknown grant type
    void latchkey.clients.update('id', { grant_types: ['implicit'] });
    // @ts-expect-error role is admin | member
    void latchkey.users.list({ role: 'root' });
    // @ts-expect-error snake_case on the wire
    void latchkey.adminTokens.list({ unusedSince: '2025-01-01' });
    void latchkey.clients.list(
      { grant_type: 'client_credentials', limit: 10 },
      { signal: AbortSignal.timeout(1) },
    );
  });
});

describe('errors', () => {
  it('are a discriminated union on code', () => {
    expectTypeOf<LatchkeyErrorType['code']>().toEqualTypeOf<LatchkeyErrorCode>();
    const error = {} as unknown;
    if (isLatchkeyError(error)) {
      switch (error.code) {
        case 'api_error':
          expectTypeOf(error).toEqualTypeOf<ApiError>();
          expectTypeOf(error.status).toBeNumber();
          expectTypeOf(error.fieldErrors).toEqualTypeOf<ProblemFieldError[]>();
          break;
        case 'oauth_error':
          expectTypeOf(error.error).toExtend<string>();
          break;
        case 'network_error':
          expectTypeOf(error.url).toBeString();
          break;
        case 'protocol_error':
          expectTypeOf(error.reason).toEqualTypeOf<
            'state_mismatch' | 'issuer_mismatch' | 'missing_code' | 'invalid_response'
          >();
          break;
        case 'session_expired':
          break;
        default:
          expectTypeOf(error).toBeNever();
      }
    }
    if (isApiError(error))
      expectTypeOf(error.problem.errors).toEqualTypeOf<ProblemFieldError[] | undefined>();
    if (isOAuthError(error)) expectTypeOf(error.description).toEqualTypeOf<string | undefined>();
  });
});

describe('OAuth helpers', () => {
  it('take the discovered metadata and answer typed results', () => {
    expectTypeOf(discover('https://as')).resolves.toEqualTypeOf<AuthorizationServerMetadata>();
    expectTypeOf(createPkce()).resolves.toEqualTypeOf<Pkce>();
    expectTypeOf(
      buildAuthorizeUrl({ server, clientId: 'c', state: 's', pkce: { codeChallenge: 'x' } }),
    ).toBeString();
    expectTypeOf(
      parseCallback('u', { expectedState: 's', issuer: 'i' }),
    ).toEqualTypeOf<CallbackResult>();
    const client = { clientId: 'c', clientSecret: 's' };
    expectTypeOf(
      exchangeCode({ server, client, code: 'c', redirectUri: 'r', codeVerifier: 'v' }),
    ).resolves.toEqualTypeOf<TokenSet>();
    expectTypeOf(refresh({ server, client, refreshToken: 'r' })).resolves.toEqualTypeOf<TokenSet>();
    expectTypeOf(
      clientCredentials({ server, client, scope: ['a'] }),
    ).resolves.toEqualTypeOf<TokenSet>();
    expectTypeOf(revoke({ server, client, token: 't' })).resolves.toBeVoid();
    expectTypeOf(
      introspect({ server, bearerToken: 'b', token: 't' }),
    ).resolves.toEqualTypeOf<IntrospectionResponse>();
    // @ts-expect-error the token endpoint is needed
    void refresh({ server: { issuer: 'x' }, client, refreshToken: 'r' });
    // @ts-expect-error only a client or a bearer token authenticates an introspection
    void introspect({ server, client, bearerToken: 'b', token: 't' });
    expectTypeOf<TokenSet['expires_at']>().toBeNumber();
    expectTypeOf<TokenSet['refresh_token']>().toEqualTypeOf<string | undefined>();
  });
});

describe('token manager and pagination', () => {
  it('exposes the token manager surface', () => {
    const manager = createTokenManager({ server, client: { clientId: 'c' } });
    expectTypeOf(manager).toEqualTypeOf<TokenManager>();
    expectTypeOf(manager.getAccessToken()).resolves.toBeString();
    expectTypeOf(manager.authFetch).toBeCallableWith('https://x', { method: 'POST' });
    expectTypeOf(manager.subscribe).returns.toEqualTypeOf<() => void>();
  });

  it('infers the item type of any list operation', () => {
    expectTypeOf(paginate(latchkey.clients.list, { name: 'x' })).toEqualTypeOf<Paginator<Client>>();
    expectTypeOf(paginate(latchkey.users.list).pages()).toEqualTypeOf<
      AsyncIterableIterator<Page<User>>
    >();
    expectTypeOf(paginate(latchkey.auditEvents.list).toArray()).resolves.toEqualTypeOf<
      AuditEvent[]
    >();
    // @ts-expect-error unknown filter
    paginate(latchkey.clients.list, { nmae: 'x' });
  });
});
