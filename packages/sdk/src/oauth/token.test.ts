import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, OAuthError, ProtocolError } from '../errors.js';
import {
  clientCredentials,
  exchangeCode,
  formEncode,
  introspect,
  passwordGrant,
  refresh,
  revoke,
} from './token.js';

const AS = 'https://as.test';
const server = { token_endpoint: `${AS}/oauth/token` };
const tokens = {
  access_token: 'at-1',
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: 'lk_rt_2',
  scope: 'profile',
};

interface Seen {
  form: URLSearchParams;
  headers: Headers;
  contentType: string | null;
}
let seen: Seen[] = [];
const mock = setupServer();

beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.resetHandlers();
  seen = [];
});
afterAll(() => mock.close());

function tokenEndpoint(respond: () => Response = () => HttpResponse.json(tokens)) {
  mock.use(
    http.post(`${AS}/oauth/*`, async ({ request }) => {
      seen.push({
        form: new URLSearchParams(await request.text()),
        headers: request.headers,
        contentType: request.headers.get('content-type'),
      });
      return respond();
    }),
  );
}

describe('form encoding and client authentication (RFC 6749 §2.3.1)', () => {
  it('sends an authorization_code request form-encoded, with Basic auth by default', async () => {
    tokenEndpoint();
    const result = await exchangeCode({
      server,
      client: { clientId: 'cl_1', clientSecret: 's3cret' },
      code: 'the code',
      redirectUri: 'https://app.example/cb?x=1',
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    });
    const [req] = seen;
    expect(req!.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(req!.form)).toEqual({
      grant_type: 'authorization_code',
      code: 'the code',
      redirect_uri: 'https://app.example/cb?x=1',
      code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    });
    expect(req!.headers.get('authorization')).toBe(`Basic ${btoa('cl_1:s3cret')}`);
    expect(result.access_token).toBe('at-1');
    expect(result.expires_at).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3599);
  });

  it('form-urlencodes the client id and secret before base64 (RFC 6749 §2.3.1)', async () => {
    tokenEndpoint();
    await clientCredentials({
      server,
      client: { clientId: 'my client:1', clientSecret: 'p@ss w/rd+%é!' },
    });
    const header = seen[0]!.headers.get('authorization')!;
    expect(header.startsWith('Basic ')).toBe(true);
    const decoded = atob(header.slice(6));
    expect(decoded).toBe('my+client%3A1:p%40ss+w%2Frd%2B%25%C3%A9%21');
    expect(formEncode('a b*-._~')).toBe('a+b*-._%7E');
  });

  it('puts id and secret in the body for client_secret_post', async () => {
    tokenEndpoint();
    await clientCredentials({
      server,
      client: { clientId: 'cl_1', clientSecret: 'x y', authMethod: 'client_secret_post' },
      scope: ['clients:read', 'clients:write'],
    });
    expect(seen[0]!.headers.get('authorization')).toBeNull();
    expect(Object.fromEntries(seen[0]!.form)).toEqual({
      grant_type: 'client_credentials',
      scope: 'clients:read clients:write',
      client_id: 'cl_1',
      client_secret: 'x y',
    });
  });

  it('sends only client_id for a public client', async () => {
    tokenEndpoint();
    await passwordGrant({
      server,
      client: { clientId: 'cl_pub' },
      username: 'ada',
      password: 'correct horse & battery',
      scope: 'profile',
    });
    expect(seen[0]!.headers.get('authorization')).toBeNull();
    expect(Object.fromEntries(seen[0]!.form)).toEqual({
      grant_type: 'password',
      username: 'ada',
      password: 'correct horse & battery',
      scope: 'profile',
      client_id: 'cl_pub',
    });
  });
});

describe('refresh', () => {
  it('keeps the rotated refresh token', async () => {
    tokenEndpoint();
    const next = await refresh({ server, client: { clientId: 'cl_pub' }, refreshToken: 'lk_rt_1' });
    expect(Object.fromEntries(seen[0]!.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'lk_rt_1',
      client_id: 'cl_pub',
    });
    expect(next.refresh_token).toBe('lk_rt_2');
  });

  it('keeps the old refresh token when the server does not rotate', async () => {
    tokenEndpoint(() => HttpResponse.json({ ...tokens, refresh_token: undefined }));
    const next = await refresh({ server, client: { clientId: 'c' }, refreshToken: 'lk_rt_1' });
    expect(next.refresh_token).toBe('lk_rt_1');
  });
});

describe('revoke and introspect', () => {
  it('revokes with a type hint (RFC 7009)', async () => {
    tokenEndpoint(() => new HttpResponse(null, { status: 200 }));
    await revoke({
      server: { revocation_endpoint: `${AS}/oauth/revoke` },
      client: { clientId: 'cl_1', clientSecret: 's' },
      token: 'lk_rt_1',
      tokenTypeHint: 'refresh_token',
    });
    expect(Object.fromEntries(seen[0]!.form)).toEqual({
      token: 'lk_rt_1',
      token_type_hint: 'refresh_token',
    });
  });

  it('introspects with a bearer token (RFC 7662)', async () => {
    tokenEndpoint(() => HttpResponse.json({ active: true, scope: 'profile', sub: 'usr_1' }));
    const info = await introspect({
      server: { introspection_endpoint: `${AS}/oauth/introspect` },
      bearerToken: 'lk_pat_x',
      token: 'at-1',
    });
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer lk_pat_x');
    expect(info).toEqual({ active: true, scope: 'profile', sub: 'usr_1' });
  });
});

describe('error mapping', () => {
  it('maps an RFC 6749 error body to OAuthError', async () => {
    tokenEndpoint(() =>
      HttpResponse.json(
        { error: 'invalid_grant', error_description: 'The code was already used.' },
        { status: 400 },
      ),
    );
    const error = await exchangeCode({
      server,
      client: { clientId: 'c' },
      code: 'x',
      redirectUri: 'https://a/cb',
      codeVerifier: 'v'.repeat(43),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({
      code: 'oauth_error',
      error: 'invalid_grant',
      description: 'The code was already used.',
      status: 400,
    });
  });

  it('maps invalid_client with 401', async () => {
    tokenEndpoint(() => HttpResponse.json({ error: 'invalid_client' }, { status: 401 }));
    await expect(
      clientCredentials({ server, client: { clientId: 'c', clientSecret: 'wrong' } }),
    ).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
  });

  it('maps a non-OAuth error body (a proxy page) to ApiError', async () => {
    tokenEndpoint(
      () =>
        new HttpResponse('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const error = await clientCredentials({ server, client: { clientId: 'c' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, message: '502 Bad Gateway' });
  });

  it('refuses a 200 that is not a token response', async () => {
    tokenEndpoint(() => HttpResponse.json({ hello: 'world' }));
    await expect(clientCredentials({ server, client: { clientId: 'c' } })).rejects.toBeInstanceOf(
      ProtocolError,
    );
  });

  it('maps a connection failure to NetworkError without leaking the body', async () => {
    mock.use(http.post(`${AS}/oauth/token`, () => HttpResponse.error()));
    const error = await passwordGrant({
      server,
      client: { clientId: 'c' },
      username: 'u',
      password: 'hunter2',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toBe(`${AS}/oauth/token`);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});
