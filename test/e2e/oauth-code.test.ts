// The authorization code grant at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.6), client
// authentication (§2.3) and the access token itself (RFC 9068, verified against /oauth/jwks).
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { introspectToken, token } from '../../packages/sdk/src/generated/sdk.gen.js';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { createClient, createUser } from '../helpers/fixtures.js';
import { basic, exchange, obtainCode } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let user: UserRecord;
let web: { client: ClientRecord; secret: string };
let spa: ClientRecord;

beforeAll(async () => {
  server = await startServer();
  user = await createUser(server.app);
  const confidential = await createClient(server.app, { skipConsent: true });
  web = { client: confidential.client, secret: confidential.secret! };
  spa = (await createClient(server.app, { tokenEndpointAuthMethod: 'none', skipConsent: true }))
    .client;
});
afterAll(() => server.close());

function introspect(value: string) {
  return introspectToken({
    client: server.client,
    headers: basic(web.client.clientId, web.secret),
    body: { token: value },
  });
}

function expectOAuthError(
  result: { response: Response; error?: unknown },
  status: number,
  error: string,
): void {
  expect(result.response.status, JSON.stringify(result.error)).toBe(status);
  expect(result.error).toMatchObject({ error });
  expect(result.response.headers.get('cache-control')).toBe('no-store');
}

describe('exchanging a code', () => {
  it('issues an RFC 9068 access token and a refresh token, never cached', async () => {
    const flow = await obtainCode(server, web.client, user, { scope: 'profile tokens:read' });
    const res = await exchange(server, web.client, web.secret, flow);
    expect(res.response.status).toBe(200);
    expect(res.response.headers.get('cache-control')).toBe('no-store');
    expect(res.response.headers.get('pragma')).toBe('no-cache');
    expect(res.data).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'profile tokens:read',
    });
    expect(res.data!.refresh_token).toMatch(/^lk_rt_[A-Za-z0-9_-]{43}$/);

    const accessToken = res.data!.access_token;
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const jwks = createRemoteJWKSet(new URL(`${server.baseUrl}/oauth/jwks`));
    const { payload } = await jwtVerify(accessToken, jwks, {
      issuer: server.baseUrl,
      audience: server.baseUrl,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toMatchObject({
      sub: user.id,
      client_id: web.client.clientId,
      scope: 'profile tokens:read',
    });
    expect(typeof payload.jti).toBe('string');
    expect(typeof payload.gid).toBe('string');
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('works for a public client with PKCE and client_id alone', async () => {
    const flow = await obtainCode(server, spa, user);
    const res = await exchange(server, spa, null, flow);
    expect(res.response.status).toBe(200);
    expect(res.data!.refresh_token).toBeTruthy();
  });

  it('accepts client_secret_post from a client registered for it', async () => {
    const post = await createClient(server.app, {
      tokenEndpointAuthMethod: 'client_secret_post',
      skipConsent: true,
    });
    const flow = await obtainCode(server, post.client, user);
    const res = await exchange(server, post.client, null, flow, {
      client_secret: post.secret!,
    });
    expect(res.response.status).toBe(200);
  });

  it('honours a client access token lifetime and no refresh token without the grant', async () => {
    const short = await createClient(server.app, {
      accessTokenLifetime: 300,
      grantTypes: ['authorization_code'],
      skipConsent: true,
    });
    const flow = await obtainCode(server, short.client, user);
    const res = await exchange(server, short.client, short.secret, flow);
    expect(res.data!.expires_in).toBe(300);
    expect(res.data!.refresh_token).toBeUndefined();
  });
});

describe('refusing a code exchange', () => {
  it('refuses a wrong PKCE verifier', async () => {
    const flow = await obtainCode(server, spa, user);
    const res = await exchange(server, spa, null, flow, { code_verifier: 'x'.repeat(43) });
    expectOAuthError(res, 400, 'invalid_grant');
  });

  it('refuses a missing verifier when a challenge was sent', async () => {
    const flow = await obtainCode(server, spa, user);
    const res = await exchange(server, spa, null, flow, { code_verifier: undefined });
    expectOAuthError(res, 400, 'invalid_grant');
  });

  it('refuses a verifier when the authorization request sent no challenge (downgrade)', async () => {
    // A confidential client may skip PKCE; then a verifier at the token endpoint is refused.
    const flow = await obtainCode(server, web.client, user, { pkce: false });
    const res = await exchange(server, web.client, web.secret, flow, {
      code_verifier: 'y'.repeat(43),
    });
    expectOAuthError(res, 400, 'invalid_grant');
  });

  it('refuses a different redirect_uri', async () => {
    const flow = await obtainCode(server, web.client, user);
    const res = await exchange(server, web.client, web.secret, flow, {
      redirect_uri: 'https://app.example/other',
    });
    expectOAuthError(res, 400, 'invalid_grant');
  });

  it("refuses another client's code, and the code is spent", async () => {
    const other = await createClient(server.app);
    const flow = await obtainCode(server, web.client, user);
    expectOAuthError(
      await exchange(server, other.client, other.secret, flow),
      400,
      'invalid_grant',
    );
    expectOAuthError(await exchange(server, web.client, web.secret, flow), 400, 'invalid_grant');
  });

  it('refuses an unknown code', async () => {
    const res = await exchange(server, web.client, web.secret, {
      code: 'nope',
      verifier: 'v'.repeat(43),
      redirectUri: web.client.redirectUris[0]!,
    });
    expectOAuthError(res, 400, 'invalid_grant');
  });

  it('refuses an expired code (older than 60 seconds)', async () => {
    const flow = await obtainCode(server, web.client, user);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expectOAuthError(await exchange(server, web.client, web.secret, flow), 400, 'invalid_grant');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a replayed code and revokes what the first exchange issued', async () => {
    const flow = await obtainCode(server, web.client, user);
    const first = await exchange(server, web.client, web.secret, flow);
    expect(first.response.status).toBe(200);
    expect((await introspect(first.data!.access_token)).data).toMatchObject({ active: true });

    const replay = await exchange(server, web.client, web.secret, flow);
    expectOAuthError(replay, 400, 'invalid_grant');
    expect((await introspect(first.data!.access_token)).data).toEqual({ active: false });
    expect((await introspect(first.data!.refresh_token!)).data).toEqual({ active: false });
    const refreshed = await token({
      client: server.client,
      headers: basic(web.client.clientId, web.secret),
      body: { grant_type: 'refresh_token', refresh_token: first.data!.refresh_token! },
    });
    expectOAuthError(refreshed, 400, 'invalid_grant');

    const events = await server.app.services.stores.audit.list({
      type: 'authorization_code.replay_detected',
      limit: 10,
    });
    expect(events.items[0]).toMatchObject({ actor: { type: 'client', id: web.client.clientId } });
  });

  it('kills the exchange a replay overtook before its grant existed', async () => {
    const flow = await obtainCode(server, web.client, user);
    // A first exchange that has redeemed the code but not yet created its grant...
    const winner = await server.app.services.stores.authorizationCodes.redeem(
      createHash('sha256').update(flow.code).digest('hex'),
      'grant-of-the-slow-winner',
      new Date(),
    );
    expect(winner?.won).toBe(true);
    // ...is overtaken by a replay, which must leave that grant id dead for the winner.
    expectOAuthError(await exchange(server, web.client, web.secret, flow), 400, 'invalid_grant');
    const late = server.app.services.stores.grants.create({
      id: 'grant-of-the-slow-winner',
      clientId: web.client.clientId,
      userId: user.id,
      scope: 'profile',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(late).rejects.toThrow(/already taken/);
    expect(
      (await server.app.services.stores.grants.get('grant-of-the-slow-winner'))?.revokedAt,
    ).not.toBeNull();
  });

  it('refuses a code of a user disabled since', async () => {
    const someone = await createUser(server.app);
    const flow = await obtainCode(server, web.client, someone);
    await server.app.services.stores.users.update(someone.id, { disabled: true });
    server.app.services.revocation.forgetUser(someone.id);
    expectOAuthError(await exchange(server, web.client, web.secret, flow), 400, 'invalid_grant');
  });
});

describe('client authentication (RFC 6749 §2.3)', () => {
  const codeRequest = { grant_type: 'authorization_code', code: 'c', redirect_uri: 'x' };

  it('answers a bad secret with 401 invalid_client and a Basic challenge', async () => {
    const res = await token({
      client: server.client,
      headers: basic(web.client.clientId, 'lk_cs_wrong'),
      body: codeRequest,
    });
    expectOAuthError(res, 401, 'invalid_client');
    expect(res.response.headers.get('www-authenticate')).toMatch(/^Basic realm="latchkey"/);
  });

  it('answers an unknown client and a missing authentication with 401', async () => {
    const unknown = await token({
      client: server.client,
      headers: basic('who', 'what'),
      body: codeRequest,
    });
    expectOAuthError(unknown, 401, 'invalid_client');
    const none = await token({ client: server.client, body: codeRequest });
    expectOAuthError(none, 401, 'invalid_client');
    expect(none.response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('requires the method the client registered', async () => {
    const viaPost = await token({
      client: server.client,
      body: { ...codeRequest, client_id: web.client.clientId, client_secret: web.secret },
    });
    expectOAuthError(viaPost, 401, 'invalid_client');
    const asPublic = await token({
      client: server.client,
      body: { ...codeRequest, client_id: web.client.clientId },
    });
    expectOAuthError(asPublic, 401, 'invalid_client');
  });

  it('refuses two authentication methods in one request', async () => {
    const res = await token({
      client: server.client,
      headers: basic(web.client.clientId, web.secret),
      body: { ...codeRequest, client_secret: web.secret },
    });
    expectOAuthError(res, 400, 'invalid_request');
  });

  it('form-decodes the Basic user and password (RFC 6749 §2.3.1)', async () => {
    const odd = await createClient(server.app, {
      clientId: 'odd client:1+1',
      grantTypes: ['client_credentials'],
      scope: 'profile',
    });
    const res = await token({
      client: server.client,
      headers: basic(odd.client.clientId, odd.secret!),
      body: { grant_type: 'client_credentials' },
    });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
  });

  it('answers unsupported_grant_type and unauthorized_client', async () => {
    const device = await token({
      client: server.client,
      headers: basic(web.client.clientId, web.secret),
      body: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code' },
    });
    expectOAuthError(device, 400, 'unsupported_grant_type');
    const password = await token({
      client: server.client,
      headers: basic(web.client.clientId, web.secret),
      body: { grant_type: 'password', username: user.username, password: 'x' },
    });
    expectOAuthError(password, 400, 'unauthorized_client');
  });
});
