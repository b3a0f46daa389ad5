// Revocation (RFC 7009) and introspection (RFC 7662): a client revokes only its own tokens,
// revocation is immediate here and within a second on other instances, and introspection
// answers for access tokens, refresh tokens and personal access tokens.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, testConfig } from '@latchkey/server';
import { createClient as sdkClient } from '../../packages/sdk/src/generated/client/index.js';
import { introspectToken, revokeToken, token } from '../../packages/sdk/src/generated/sdk.gen.js';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { contractFetch } from '../helpers/contract.js';
import { createClient, createUser } from '../helpers/fixtures.js';
import { basic, exchange, obtainCode } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let user: UserRecord;
let web: { client: ClientRecord; secret: string };
let other: { client: ClientRecord; secret: string };

beforeAll(async () => {
  server = await startServer();
  user = await createUser(server.app);
  const a = await createClient(server.app, {
    skipConsent: true,
    personalAccessTokensEnabled: true,
  });
  web = { client: a.client, secret: a.secret! };
  const b = await createClient(server.app, { skipConsent: true });
  other = { client: b.client, secret: b.secret! };
});
afterAll(() => server.close());

async function tokensFor(who = web, owner = user) {
  const flow = await obtainCode(server, who.client, owner, { scope: 'profile' });
  const res = await exchange(server, who.client, who.secret, flow);
  expect(res.response.status).toBe(200);
  return res.data!;
}

function introspect(value: string, as = web, api = server.client) {
  return introspectToken({
    client: api,
    headers: basic(as.client.clientId, as.secret),
    body: { token: value },
  });
}

async function isActive(value: string, as = web): Promise<boolean> {
  const res = await introspect(value, as);
  expect(res.response.status).toBe(200);
  return res.data!.active;
}

function revoke(value: string, as = web) {
  return revokeToken({
    client: server.client,
    headers: basic(as.client.clientId, as.secret),
    body: { token: value },
  });
}

describe('revocation', () => {
  it('revoking an access token ends its whole grant at once', async () => {
    const tokens = await tokensFor();
    expect(await isActive(tokens.access_token)).toBe(true);
    const res = await revoke(tokens.access_token);
    expect(res.response.status).toBe(200);
    expect(await isActive(tokens.access_token)).toBe(false);
    expect(await isActive(tokens.refresh_token!)).toBe(false);
  });

  it('revoking a refresh token ends the access tokens of its family', async () => {
    const tokens = await tokensFor();
    expect((await revoke(tokens.refresh_token!)).response.status).toBe(200);
    expect(await isActive(tokens.access_token)).toBe(false);
    const refreshed = await token({
      client: server.client,
      headers: basic(web.client.clientId, web.secret),
      body: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! },
    });
    expect(refreshed.error).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses to revoke another client’s token, which stays active', async () => {
    const tokens = await tokensFor();
    for (const value of [tokens.access_token, tokens.refresh_token!]) {
      const res = await revoke(value, other);
      expect(res.response.status).toBe(400);
      expect(res.error).toMatchObject({ error: 'unauthorized_client' });
      expect(await isActive(value)).toBe(true);
    }
  });

  it('answers 200 for unknown and already revoked tokens', async () => {
    expect((await revoke('not-a-token')).response.status).toBe(200);
    expect((await revoke('lk_rt_unknown')).response.status).toBe(200);
    const tokens = await tokensFor();
    expect((await revoke(tokens.access_token)).response.status).toBe(200);
    expect((await revoke(tokens.access_token)).response.status).toBe(200);
  });

  it('lets a public client revoke its own tokens with its client_id', async () => {
    const spa = (
      await createClient(server.app, { tokenEndpointAuthMethod: 'none', skipConsent: true })
    ).client;
    const flow = await obtainCode(server, spa, user);
    const tokens = (await exchange(server, spa, null, flow)).data!;
    const res = await revokeToken({
      client: server.client,
      body: { token: tokens.refresh_token!, client_id: spa.clientId },
    });
    expect(res.response.status).toBe(200);
    expect(await isActive(tokens.access_token)).toBe(false);
  });

  it('requires client authentication', async () => {
    const res = await revokeToken({ client: server.client, body: { token: 'x' } });
    expect(res.response.status).toBe(401);
    expect(res.response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('sends personal access tokens to the management API (unsupported_token_type)', async () => {
    const { token: pat } = await server.app.services.pats.create({
      userId: user.id,
      clientId: web.client.clientId,
      name: 'cli',
      scope: 'profile',
      expiresAt: null,
    });
    const res = await revoke(pat);
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ error: 'unsupported_token_type' });
  });

  it('reaches another instance sharing the store within a second', async () => {
    const second = await createApp(
      testConfig({ issuer: server.baseUrl }),
      server.app.services.stores,
    );
    const http = createServer(second.koa.callback());
    http.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const api = sdkClient({
      baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      fetch: contractFetch(),
    });
    try {
      const tokens = await tokensFor();
      expect((await introspect(tokens.access_token, web, api)).data!.active).toBe(true);
      await revoke(tokens.access_token);
      const revokedAt = Date.now();
      await vi.waitFor(
        async () =>
          expect((await introspect(tokens.access_token, web, api)).data!.active).toBe(false),
        { timeout: 1500, interval: 100 },
      );
      expect(Date.now() - revokedAt).toBeLessThan(1500);
    } finally {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});

describe('introspection', () => {
  it('describes an active access token (RFC 7662 §2.2)', async () => {
    const tokens = await tokensFor();
    const res = await introspect(tokens.access_token);
    expect(res.response.headers.get('cache-control')).toBe('no-store');
    expect(res.data).toMatchObject({
      active: true,
      scope: 'profile',
      client_id: web.client.clientId,
      username: user.username,
      token_type: 'Bearer',
      sub: user.id,
      aud: server.baseUrl,
      iss: server.baseUrl,
    });
    expect(res.data!.exp! - res.data!.iat!).toBe(3600);
  });

  it('lets any confidential client introspect access tokens, as a resource server', async () => {
    const tokens = await tokensFor();
    expect((await introspect(tokens.access_token, other)).data!.active).toBe(true);
  });

  it('shows a refresh token only to the client it was issued to', async () => {
    const tokens = await tokensFor();
    const own = await introspect(tokens.refresh_token!);
    expect(own.data).toMatchObject({
      active: true,
      client_id: web.client.clientId,
      scope: 'profile',
    });
    expect((await introspect(tokens.refresh_token!, other)).data).toEqual({ active: false });
  });

  it('describes a personal access token, until it is revoked', async () => {
    const { token: pat, record } = await server.app.services.pats.create({
      userId: user.id,
      clientId: web.client.clientId,
      name: 'laptop',
      scope: 'profile tokens:read',
      expiresAt: null,
    });
    const res = await introspect(pat);
    expect(res.data).toMatchObject({
      active: true,
      scope: 'profile tokens:read',
      username: user.username,
      sub: user.id,
      client_id: web.client.clientId,
    });
    expect(res.data!.exp).toBeUndefined();
    await server.app.services.stores.personalAccessTokens.revoke(record.id);
    server.app.services.pats.forget(record);
    expect((await introspect(pat)).data).toEqual({ active: false });
  });

  it('answers active:false for unknown, forged and expired tokens', async () => {
    expect((await introspect('nonsense')).data).toEqual({ active: false });
    expect((await introspect('lk_pat_nonsense')).data).toEqual({ active: false });
    const tokens = await tokensFor();
    const forged = `${tokens.access_token.slice(0, -4)}AAAA`;
    expect((await introspect(forged)).data).toEqual({ active: false });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3601_000);
      expect((await introspect(tokens.access_token)).data).toEqual({ active: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers active:false once the user is disabled', async () => {
    const someone = await createUser(server.app);
    const tokens = await tokensFor(web, someone);
    await server.app.services.stores.users.update(someone.id, { disabled: true });
    server.app.services.revocation.forgetUser(someone.id);
    expect(await isActive(tokens.access_token)).toBe(false);
    expect(await isActive(tokens.refresh_token!)).toBe(false);
  });

  it('accepts a bearer token of a confidential client as the caller', async () => {
    const rs = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      scope: 'profile',
    });
    const cc = await token({
      client: server.client,
      headers: basic(rs.client.clientId, rs.secret!),
      body: { grant_type: 'client_credentials' },
    });
    const tokens = await tokensFor();
    const res = await introspectToken({
      client: server.as(cc.data!.access_token),
      body: { token: tokens.access_token },
    });
    expect(res.response.status).toBe(200);
    expect(res.data!.active).toBe(true);
  });

  it('refuses callers that are not authenticated confidential clients', async () => {
    const tokens = await tokensFor();
    const anonymous = await introspectToken({
      client: server.client,
      body: { token: tokens.access_token },
    });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.response.headers.get('www-authenticate')).toMatch(/^Basic/);

    const badBearer = await introspectToken({
      client: server.as('garbage'),
      body: { token: tokens.access_token },
    });
    expect(badBearer.response.status).toBe(401);

    const spa = (await createClient(server.app, { tokenEndpointAuthMethod: 'none' })).client;
    const pub = await introspectToken({
      client: server.client,
      body: { token: tokens.access_token, client_id: spa.clientId },
    });
    expect(pub.response.status).toBe(401);
    expect(pub.error).toMatchObject({ error: 'invalid_client' });
  });
});
