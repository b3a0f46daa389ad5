// The SDK's OAuth helpers and token manager against the real server: discovery, the code flow
// with PKCE and RFC 9207 iss, refresh rotation, client credentials, introspection, revocation,
// and typed errors, every response checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  clientCredentials,
  createLatchkeyClient,
  createPkce,
  createTokenManager,
  discover,
  exchangeCode,
  generateState,
  introspect,
  isOAuthError,
  parseCallback,
  passwordGrant,
  refresh,
  revoke,
  type AuthorizationServerMetadata,
  OAuthError,
  SessionExpiredError,
} from '@latchkey/sdk';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { contractFetch } from '../helpers/contract.js';
import { PASSWORD, createClient, createUser } from '../helpers/fixtures.js';
import { Browser, decide, location, signIn } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

const fetch = contractFetch();
let server: TestServer;
let meta: AuthorizationServerMetadata;
let user: UserRecord;

beforeAll(async () => {
  server = await startServer();
  user = await createUser(server.app, { role: 'admin' });
  meta = await discover(server.baseUrl, { fetch });
});
afterAll(() => server.close());

/** Walks authorize -> login -> consent for a URL built by the SDK; answers the callback URL. */
async function authorizeInBrowser(url: string): Promise<string> {
  const browser = new Browser(server.baseUrl);
  const target = new URL(url);
  let res = await browser.get(target.pathname + target.search);
  if (res.status === 302 && location(res).pathname === '/login') {
    res = await signIn(
      browser,
      user.username,
      PASSWORD,
      location(res).searchParams.get('return_to')!,
    );
    res = await browser.get(res.headers.get('location')!);
  }
  if (res.status === 200) res = await decide(browser, await res.text());
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

describe('discover', () => {
  it('reads the RFC 8414 metadata of the issuer', () => {
    expect(meta.issuer).toBe(server.baseUrl);
    expect(meta.token_endpoint).toBe(`${server.baseUrl}/oauth/token`);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
  });
});

describe('authorization code flow with PKCE', () => {
  let spa: ClientRecord;
  beforeAll(async () => {
    spa = (
      await createClient(server.app, {
        tokenEndpointAuthMethod: 'none',
        scope: 'profile clients:read',
        redirectUris: ['https://app.example/callback'],
      })
    ).client;
  });

  async function signInWithSdk() {
    const pkce = await createPkce();
    const state = generateState();
    const callback = await authorizeInBrowser(
      buildAuthorizeUrl({
        server: meta,
        clientId: spa.clientId,
        redirectUri: 'https://app.example/callback',
        scope: ['profile', 'clients:read'],
        state,
        pkce,
      }),
    );
    const { code } = parseCallback(callback, { expectedState: state, issuer: meta.issuer });
    return exchangeCode({
      server: meta,
      client: { clientId: spa.clientId },
      code,
      redirectUri: 'https://app.example/callback',
      codeVerifier: pkce.codeVerifier,
      fetch,
    });
  }

  it('gets tokens, refreshes with rotation, and a reused refresh token is invalid_grant', async () => {
    const tokens = await signInWithSdk();
    expect(tokens.refresh_token).toMatch(/^lk_rt_/);
    expect(tokens.scope.split(' ').sort()).toEqual(['clients:read', 'profile']);

    const next = await refresh({
      server: meta,
      client: { clientId: spa.clientId },
      refreshToken: tokens.refresh_token!,
      fetch,
    });
    expect(next.refresh_token).toMatch(/^lk_rt_/);
    expect(next.refresh_token).not.toBe(tokens.refresh_token);

    const reuse = await refresh({
      server: meta,
      client: { clientId: spa.clientId },
      refreshToken: tokens.refresh_token!,
      fetch,
    }).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(OAuthError);
    expect(reuse).toMatchObject({ error: 'invalid_grant', status: 400 });
  });

  it('parseCallback throws the OAuthError of a denied consent', async () => {
    const pkce = await createPkce();
    const state = generateState();
    const browser = new Browser(server.baseUrl);
    const url = new URL(
      buildAuthorizeUrl({
        server: meta,
        clientId: spa.clientId,
        redirectUri: 'https://app.example/callback',
        scope: 'profile',
        state,
        pkce,
        prompt: 'consent',
      }),
    );
    let res = await browser.get(url.pathname + url.search);
    res = await signIn(
      browser,
      user.username,
      PASSWORD,
      location(res).searchParams.get('return_to')!,
    );
    res = await browser.get(res.headers.get('location')!);
    res = await decide(browser, await res.text(), 'deny');
    const callback = res.headers.get('location')!;
    const error = (() => {
      try {
        return parseCallback(callback, { expectedState: state, issuer: meta.issuer });
      } catch (e) {
        return e;
      }
    })();
    expect(isOAuthError(error) && error.error).toBe('access_denied');
  });

  it('a token manager refreshes on 401 for the management client and ends the session on invalid_grant', async () => {
    const tokens = await signInWithSdk();
    const manager = createTokenManager({
      server: meta,
      client: { clientId: spa.clientId },
      tokens: { ...tokens, access_token: 'not-a-valid-token' },
      fetch,
    });
    const latchkey = createLatchkeyClient({ baseUrl: server.baseUrl, tokenManager: manager });
    expect((await latchkey.me.get()).username).toBe(user.username); // 401 -> refresh -> retry
    const rotated = await manager.getTokens();
    expect(rotated?.refresh_token).not.toBe(tokens.refresh_token);

    // Someone revokes the session's refresh token: the next refresh fails with invalid_grant.
    await revoke({
      server: meta,
      client: { clientId: spa.clientId },
      token: rotated!.refresh_token!,
      tokenTypeHint: 'refresh_token',
      fetch,
    });
    await expect(manager.refresh()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(await manager.getTokens()).toBeNull();
  });
});

describe('confidential clients', () => {
  it('client credentials with Basic auth, introspection and revocation', async () => {
    const { client, secret } = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      redirectUris: [],
      scope: 'clients:read',
    });
    const creds = { clientId: client.clientId, clientSecret: secret! };
    const tokens = await clientCredentials({
      server: meta,
      client: creds,
      scope: 'clients:read',
      fetch,
    });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_at).toBeGreaterThan(Date.now() / 1000);

    const active = await introspect({
      server: meta,
      client: creds,
      token: tokens.access_token,
      fetch,
    });
    expect(active).toMatchObject({
      active: true,
      client_id: client.clientId,
      scope: 'clients:read',
    });

    await revoke({ server: meta, client: creds, token: tokens.access_token, fetch });
    expect(
      (await introspect({ server: meta, client: creds, token: tokens.access_token, fetch })).active,
    ).toBe(false);

    // A client registered for client_secret_post sends its credentials in the form body.
    const posting = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      redirectUris: [],
      scope: 'clients:read',
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    const post = {
      clientId: posting.client.clientId,
      clientSecret: posting.secret!,
      authMethod: 'client_secret_post' as const,
    };
    expect(
      (await clientCredentials({ server: meta, client: post, fetch })).access_token,
    ).toBeTruthy();

    const wrong = await clientCredentials({
      server: meta,
      client: { clientId: client.clientId, clientSecret: 'lk_cs_wrong' },
      fetch,
    }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'oauth_error', error: 'invalid_client', status: 401 });
  });

  it('the password grant, for clients that opted in', async () => {
    const { client, secret } = await createClient(server.app, {
      grantTypes: ['password'],
      redirectUris: [],
      scope: 'profile',
    });
    const tokens = await passwordGrant({
      server: meta,
      client: { clientId: client.clientId, clientSecret: secret! },
      username: user.username,
      password: PASSWORD,
      scope: 'profile',
      fetch,
    });
    const me = await createLatchkeyClient({
      baseUrl: server.baseUrl,
      token: tokens.access_token,
      fetch,
    }).me.get();
    expect(me.id).toBe(user.id);
  });
});
