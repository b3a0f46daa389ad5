// The refresh token grant (RFC 6749 §6, RFC 9700 §4.14.2): rotation on every use, reuse
// detection that revokes the family, scope narrowing only, a fixed absolute lifetime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspectToken, token } from '../../packages/sdk/src/generated/sdk.gen.js';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { createClient, createUser } from '../helpers/fixtures.js';
import { basic, exchange, obtainCode } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let user: UserRecord;
let web: { client: ClientRecord; secret: string };

beforeAll(async () => {
  server = await startServer();
  user = await createUser(server.app);
  const created = await createClient(server.app, { skipConsent: true });
  web = { client: created.client, secret: created.secret! };
});
afterAll(() => server.close());

async function firstTokens(scope = 'profile tokens:read') {
  const flow = await obtainCode(server, web.client, user, { scope });
  const res = await exchange(server, web.client, web.secret, flow);
  expect(res.response.status).toBe(200);
  return res.data!;
}

function refresh(refreshToken: string, scope?: string, as = web) {
  return token({
    client: server.client,
    headers: basic(as.client.clientId, as.secret),
    body: { grant_type: 'refresh_token', refresh_token: refreshToken, scope },
  });
}

async function active(value: string): Promise<boolean> {
  const res = await introspectToken({
    client: server.client,
    headers: basic(web.client.clientId, web.secret),
    body: { token: value },
  });
  expect(res.response.status).toBe(200);
  return res.data!.active;
}

describe('refreshing', () => {
  it('rotates the refresh token on every use', async () => {
    const first = await firstTokens();
    const second = await refresh(first.refresh_token!);
    expect(second.response.status).toBe(200);
    expect(second.response.headers.get('cache-control')).toBe('no-store');
    expect(second.data!.refresh_token).toMatch(/^lk_rt_/);
    expect(second.data!.refresh_token).not.toBe(first.refresh_token);
    expect(second.data!.access_token).not.toBe(first.access_token);
    expect(second.data!.scope).toBe('profile tokens:read');
    expect(await active(first.refresh_token!)).toBe(false);
    expect(await active(second.data!.refresh_token!)).toBe(true);
    const third = await refresh(second.data!.refresh_token!);
    expect(third.response.status).toBe(200);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const first = await firstTokens();
    const second = (await refresh(first.refresh_token!)).data!;
    const reuse = await refresh(first.refresh_token!);
    expect(reuse.response.status).toBe(400);
    expect(reuse.error).toMatchObject({ error: 'invalid_grant' });
    // The legitimate holder's tokens die too: someone else has a copy.
    expect(await active(second.access_token)).toBe(false);
    expect(await active(second.refresh_token!)).toBe(false);
    expect((await refresh(second.refresh_token!)).response.status).toBe(400);
    const events = await server.app.services.stores.audit.list({
      type: 'refresh_token.reuse_detected',
      limit: 10,
    });
    expect(events.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(events.items)).not.toContain(first.refresh_token!);
  });

  it('lets only one of two concurrent refreshes win', async () => {
    const first = await firstTokens();
    const results = await Promise.all([
      refresh(first.refresh_token!),
      refresh(first.refresh_token!),
    ]);
    const statuses = results.map((r) => r.response.status).sort();
    expect(statuses).toEqual([200, 400]);
  });

  it('may narrow the scope, never widen it; the refresh token keeps the grant', async () => {
    const first = await firstTokens('profile tokens:read');
    const narrow = await refresh(first.refresh_token!, 'profile');
    expect(narrow.response.status).toBe(200);
    expect(narrow.data!.scope).toBe('profile');
    const back = await refresh(narrow.data!.refresh_token!, 'profile tokens:read');
    expect(back.response.status).toBe(200);
    expect(back.data!.scope).toBe('profile tokens:read');

    const wider = await refresh(back.data!.refresh_token!, 'profile tokens:write');
    expect(wider.response.status).toBe(400);
    expect(wider.error).toMatchObject({ error: 'invalid_scope' });
    // A refused request does not spend the token.
    expect((await refresh(back.data!.refresh_token!)).response.status).toBe(200);
  });

  it('never extends the absolute lifetime of the family', async () => {
    const first = await firstTokens();
    const exp = async (value: string) =>
      (
        await introspectToken({
          client: server.client,
          headers: basic(web.client.clientId, web.secret),
          body: { token: value },
        })
      ).data!.exp;
    const before = await exp(first.refresh_token!);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = (await refresh(first.refresh_token!)).data!;
    expect(await exp(next.refresh_token!)).toBe(before);
  });

  it('caps the access token at the end of the family', async () => {
    const brief = await createClient(server.app, { refreshTokenLifetime: 120, skipConsent: true });
    const flow = await obtainCode(server, brief.client, user);
    const res = await exchange(server, brief.client, brief.secret, flow);
    expect(res.data!.expires_in).toBeLessThanOrEqual(120);
  });

  it("refuses another client's refresh token without spending it", async () => {
    const first = await firstTokens();
    const other = await createClient(server.app);
    const res = await refresh(first.refresh_token!, undefined, {
      client: other.client,
      secret: other.secret!,
    });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(first.refresh_token!)).response.status).toBe(200);
  });

  it('refuses an unknown refresh token, and a client without the refresh_token grant', async () => {
    expect((await refresh('lk_rt_unknown')).error).toMatchObject({ error: 'invalid_grant' });
    const noRefresh = await createClient(server.app, { grantTypes: ['authorization_code'] });
    const res = await refresh('lk_rt_unknown', undefined, {
      client: noRefresh.client,
      secret: noRefresh.secret!,
    });
    expect(res.error).toMatchObject({ error: 'unauthorized_client' });
  });
});
