// Interop: oauth4webapi, a standards-compliant third-party client, runs discovery, the code
// flow with PKCE, refresh, revocation, introspection and client credentials against Latchkey.
// Nothing is special-cased except allowing http, which the test server speaks.
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createUser } from '../helpers/fixtures.js';
import { Browser, decide, location, signIn } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

const http = { [oauth.allowInsecureRequests]: true } as const;
const REDIRECT_URI = 'http://127.0.0.1/callback';

let server: TestServer;
let as: oauth.AuthorizationServer;

beforeAll(async () => {
  server = await startServer();
  const issuer = new URL(server.baseUrl);
  const discovery = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...http });
  as = await oauth.processDiscoveryResponse(issuer, discovery);
});
afterAll(() => server.close());

/** The user's part, driven over HTTP: sign in and approve when asked. */
async function userAuthorizes(authorizationUrl: URL, username: string): Promise<URL> {
  const browser = new Browser(server.baseUrl);
  let res = await browser.get(authorizationUrl.href);
  if (location(res).pathname === '/login') {
    res = await signIn(browser, username, undefined, location(res).searchParams.get('return_to')!);
    res = await browser.get(res.headers.get('location')!);
  }
  if (res.status === 200) res = await decide(browser, await res.text());
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('oauth4webapi against Latchkey', () => {
  it('discovers the server (RFC 8414)', () => {
    expect(as.issuer).toBe(server.baseUrl);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('runs authorization code + PKCE, refresh, introspection and revocation', async () => {
    const user = await createUser(server.app);
    const registered = await createClient(server.app, {
      clientName: 'Interop app',
      redirectUris: [REDIRECT_URI],
      scope: 'profile tokens:read',
    });
    const client: oauth.Client = { client_id: registered.client.clientId };
    const auth = oauth.ClientSecretBasic(registered.secret!);

    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: 'http://127.0.0.1:49152/callback', // any loopback port (RFC 8252 §7.3)
      scope: 'profile tokens:read',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();

    const callback = await userAuthorizes(url, user.username);
    // Checks state and the RFC 9207 iss parameter.
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const codeResponse = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      params,
      'http://127.0.0.1:49152/callback',
      verifier,
      http,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, codeResponse);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('profile tokens:read');
    expect(tokens.refresh_token).toBeTruthy();

    // A resource server validates the RFC 9068 access token against the published keys.
    const claims = await oauth.validateJwtAccessToken(
      as,
      new Request('http://rs.example/', {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      }),
      server.baseUrl,
      http,
    );
    expect(claims).toMatchObject({ sub: user.id, client_id: client.client_id });

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, http),
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const introspect = async (value: string) =>
      oauth.processIntrospectionResponse(
        as,
        client,
        await oauth.introspectionRequest(as, client, auth, value, http),
      );
    expect(await introspect(refreshed.access_token)).toMatchObject({
      active: true,
      client_id: client.client_id,
      username: user.username,
    });

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, refreshed.refresh_token!, http),
    );
    expect((await introspect(refreshed.access_token)).active).toBe(false);
    await expect(
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, auth, refreshed.refresh_token!, http),
      ),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('runs a public client with PKCE and no secret', async () => {
    const user = await createUser(server.app);
    const registered = await createClient(server.app, {
      tokenEndpointAuthMethod: 'none',
      redirectUris: [REDIRECT_URI],
      skipConsent: true,
    });
    const client: oauth.Client = { client_id: registered.client.clientId };
    const verifier = oauth.generateRandomCodeVerifier();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: REDIRECT_URI,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    const params = oauth.validateAuthResponse(
      as,
      client,
      await userAuthorizes(url, user.username),
      oauth.expectNoState,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.None(),
        params,
        REDIRECT_URI,
        verifier,
        http,
      ),
    );
    expect(tokens.access_token).toBeTruthy();
  });

  it('runs client credentials with client_secret_post', async () => {
    const registered = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      tokenEndpointAuthMethod: 'client_secret_post',
      scope: 'profile',
    });
    const client: oauth.Client = { client_id: registered.client.clientId };
    const auth = oauth.ClientSecretPost(registered.secret!);
    const tokens = await oauth.processClientCredentialsResponse(
      as,
      client,
      await oauth.clientCredentialsGrantRequest(as, client, auth, { scope: 'profile' }, http),
    );
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'profile' });
    expect(tokens.refresh_token).toBeUndefined();
    const info = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, auth, tokens.access_token, http),
    );
    expect(info).toMatchObject({ active: true, sub: client.client_id });
  });
});
