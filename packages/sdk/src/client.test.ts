import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLatchkeyClient } from './client.js';
import { ApiError, NetworkError, SessionExpiredError } from './errors.js';
import { createTokenManager } from './token-manager.js';

const BASE = 'https://lk.test';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const client = {
  client_id: 'cl_1',
  client_name: 'Acme',
  description: null,
  redirect_uris: [],
  grant_types: ['client_credentials'],
  personal_access_tokens_enabled: false,
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'clients:read',
  access_token_lifetime: null,
  refresh_token_lifetime: null,
  skip_consent: false,
  client_secret_hint: 'a1b2',
  created_at: '2025-01-15T09:30:00Z',
  updated_at: '2025-01-15T09:30:00Z',
};

interface Seen {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

/** Records every request to the API and answers with `respond`. */
function record(respond: (seen: Seen) => Response) {
  const seen: Seen[] = [];
  mock.use(
    http.all(`${BASE}/api/v1/*`, async ({ request }) => {
      const url = new URL(request.url);
      const text = await request.text();
      const entry = {
        method: request.method,
        path: url.pathname + url.search,
        auth: request.headers.get('authorization'),
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      seen.push(entry);
      return respond(entry);
    }),
  );
  return seen;
}

describe('operations', () => {
  it('maps each grouped method to its HTTP operation with the bearer token', async () => {
    const seen = record(({ method }) =>
      method === 'DELETE' ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(client),
    );
    const latchkey = createLatchkeyClient({ baseUrl: `${BASE}/`, token: 'lk_pat_abc' });
    await latchkey.clients.list({ limit: 5, name: 'ac me' });
    await latchkey.clients.create({ client_name: 'Acme' });
    await latchkey.clients.get('cl_1');
    await latchkey.clients.update('cl_1', { description: null });
    expect(await latchkey.clients.delete('cl_1')).toBeUndefined();
    await latchkey.clients.rotateSecret('cl_1', { grace_period_seconds: 60 });
    await latchkey.clients.revokeTokens('cl_1');
    await latchkey.personalAccessTokens.list();
    await latchkey.personalAccessTokens.rotate('pat_1');
    await latchkey.adminTokens.list({ never_used: true, unused_since: '2025-01-01T00:00:00Z' });
    await latchkey.adminTokens.bulkRevoke({ token_ids: ['pat_1', 'pat_2'] });
    await latchkey.users.setPassword('usr_1', { password: 'long enough passphrase' });
    await latchkey.me.get();
    await latchkey.authorizations.revoke('cl_1');
    await latchkey.scopes.list();
    await latchkey.signingKeys.rotate();
    await latchkey.auditEvents.list({ type: 'client.created' });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/v1/clients?limit=5&name=ac%20me',
      'POST /api/v1/clients',
      'GET /api/v1/clients/cl_1',
      'PATCH /api/v1/clients/cl_1',
      'DELETE /api/v1/clients/cl_1',
      'POST /api/v1/clients/cl_1/secret',
      'POST /api/v1/clients/cl_1/revoke-tokens',
      'GET /api/v1/me/personal-access-tokens',
      'POST /api/v1/me/personal-access-tokens/pat_1/rotate',
      'GET /api/v1/personal-access-tokens?never_used=true&unused_since=2025-01-01T00%3A00%3A00Z',
      'POST /api/v1/personal-access-tokens/revoke',
      'PUT /api/v1/users/usr_1/password',
      'GET /api/v1/me',
      'DELETE /api/v1/me/authorizations/cl_1',
      'GET /api/v1/scopes',
      'POST /api/v1/signing-keys/rotate',
      'GET /api/v1/audit-events?type=client.created',
    ]);
    expect(new Set(seen.map((s) => s.auth))).toEqual(new Set(['Bearer lk_pat_abc']));
    expect(seen[3]!.body).toEqual({ description: null });
    expect(seen[10]!.body).toEqual({ token_ids: ['pat_1', 'pat_2'] });
  });

  it('escapes path parameters', async () => {
    const seen = record(() => HttpResponse.json(client));
    await createLatchkeyClient({ baseUrl: BASE }).clients.get('a/b?c');
    expect(seen[0]!.path).toBe('/api/v1/clients/a%2Fb%3Fc');
  });

  it('asks a token function for the token on every call', async () => {
    const seen = record(() => HttpResponse.json(client));
    let n = 0;
    const latchkey = createLatchkeyClient({ baseUrl: BASE, token: async () => `t${++n}` });
    await latchkey.clients.get('cl_1');
    await latchkey.clients.get('cl_1');
    expect(seen.map((s) => s.auth)).toEqual(['Bearer t1', 'Bearer t2']);
  });
});

describe('errors', () => {
  it('throws ApiError with the problem details and field errors', async () => {
    record(
      () =>
        new HttpResponse(
          JSON.stringify({
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'The request body is invalid.',
            errors: [
              { pointer: '/redirect_uris/0', detail: 'must be an absolute URI' },
              { pointer: '/client_name', detail: 'must NOT have more than 200 characters' },
            ],
          }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    const error = await createLatchkeyClient({ baseUrl: BASE, token: 't' })
      .clients.create({ client_name: 'x', redirect_uris: ['nope'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.code).toBe('api_error');
    expect(api.status).toBe(400);
    expect(api.problem.detail).toBe('The request body is invalid.');
    expect(api.fieldErrors).toEqual([
      { pointer: '/redirect_uris/0', detail: 'must be an absolute URI' },
      { pointer: '/client_name', detail: 'must NOT have more than 200 characters' },
    ]);
    expect(api.message).toBe(
      '400 Bad Request: The request body is invalid. /redirect_uris/0 must be an absolute URI; /client_name must NOT have more than 200 characters',
    );
  });

  it('throws ApiError for a 404 and for a body that is not a problem', async () => {
    record(({ path }) =>
      path.endsWith('missing')
        ? HttpResponse.json(
            { title: 'Not Found', status: 404, detail: 'No client with id missing.' },
            { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
          )
        : new HttpResponse('', { status: 503, statusText: 'Service Unavailable' }),
    );
    const latchkey = createLatchkeyClient({ baseUrl: BASE });
    await expect(latchkey.clients.get('missing')).rejects.toMatchObject({
      status: 404,
      message: '404 Not Found: No client with id missing.',
    });
    await expect(latchkey.clients.get('other')).rejects.toMatchObject({
      code: 'api_error',
      status: 503,
      message: '503 Service Unavailable',
    });
  });

  it('throws NetworkError when the server cannot be reached', async () => {
    mock.use(http.all(`${BASE}/*`, () => HttpResponse.error()));
    const error = await createLatchkeyClient({ baseUrl: BASE })
      .users.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toBe(`${BASE}/api/v1/users`);
  });

  it('throws NetworkError on a real refused connection', async () => {
    mock.use(http.all('http://127.0.0.1:9/*', () => passthrough()));
    const error = await createLatchkeyClient({ baseUrl: 'http://127.0.0.1:9' })
      .users.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /Could not reach http:\/\/127\.0\.0\.1:9\/api\/v1\/users/,
    );
  });
});

describe('with a token manager', () => {
  it('refreshes on a 401 and surfaces SessionExpiredError when that fails', async () => {
    let valid = 'at-2';
    record(({ auth }) =>
      auth === `Bearer ${valid}`
        ? HttpResponse.json(client)
        : HttpResponse.json({ status: 401, title: 'Unauthorized' }, { status: 401 }),
    );
    let refreshes = 0;
    mock.use(
      http.post(`${BASE}/oauth/token`, () => {
        refreshes++;
        return refreshes === 1
          ? HttpResponse.json({
              access_token: 'at-2',
              token_type: 'Bearer',
              expires_in: 3600,
              refresh_token: 'rt-2',
              scope: 'clients:read',
            })
          : HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
      }),
    );
    const tokenManager = createTokenManager({
      server: { token_endpoint: `${BASE}/oauth/token` },
      client: { clientId: 'cl_spa' },
      tokens: {
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 3600,
        expires_at: Date.now() / 1000 + 3600,
        refresh_token: 'rt-1',
        scope: 'clients:read',
      },
    });
    const latchkey = createLatchkeyClient({ baseUrl: BASE, tokenManager });
    expect((await latchkey.clients.get('cl_1')).client_id).toBe('cl_1');
    valid = 'at-3';
    await expect(latchkey.clients.get('cl_1')).rejects.toBeInstanceOf(SessionExpiredError);
    expect(refreshes).toBe(2);
  });
});
