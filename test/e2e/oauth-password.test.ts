// The password grant (RFC 6749 §4.3), kept for legacy desktop apps: per-client opt-in,
// confidential clients only, per-account lockout, a per-client rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { token } from '../../packages/sdk/src/generated/sdk.gen.js';
import type { GrantType } from '../../packages/server/src/domains/clients/store.js';
import { createClient, createUser, PASSWORD } from '../helpers/fixtures.js';
import { basic } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function desktopApp(grantTypes: GrantType[] = ['password']) {
  const { client, secret } = await createClient(server.app, { grantTypes, scope: 'profile' });
  return { client, secret: secret! };
}

function passwordRequest(
  app: { client: { clientId: string }; secret: string },
  username: string,
  password: string,
  scope?: string,
) {
  return token({
    client: server.client,
    headers: basic(app.client.clientId, app.secret),
    body: { grant_type: 'password', username, password, scope },
  });
}

describe('the password grant', () => {
  it('issues an access token, and no refresh token unless the client has that grant', async () => {
    const user = await createUser(server.app);
    const plain = await passwordRequest(await desktopApp(), user.username, PASSWORD);
    expect(plain.response.status).toBe(200);
    expect(plain.data).toMatchObject({ token_type: 'Bearer', scope: 'profile' });
    expect(plain.data!.refresh_token).toBeUndefined();

    const withRefresh = await desktopApp(['password', 'refresh_token']);
    const res = await passwordRequest(withRefresh, user.username.toUpperCase(), PASSWORD);
    expect(res.response.status).toBe(200);
    expect(res.data!.refresh_token).toMatch(/^lk_rt_/);
  });

  it('refuses a wrong password with invalid_grant, the same for an unknown user', async () => {
    const app = await desktopApp();
    const user = await createUser(server.app);
    const wrong = await passwordRequest(app, user.username, 'not the password');
    const unknown = await passwordRequest(app, 'nobody-at-all', 'not the password');
    expect(wrong.response.status).toBe(400);
    expect(wrong.error).toEqual(unknown.error);
    expect(wrong.error).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses clients without the grant, and public clients', async () => {
    const user = await createUser(server.app);
    const web = await createClient(server.app);
    const res = await passwordRequest(
      { client: web.client, secret: web.secret! },
      user.username,
      PASSWORD,
    );
    expect(res.error).toMatchObject({ error: 'unauthorized_client' });

    const spa = await createClient(server.app, {
      tokenEndpointAuthMethod: 'none',
      grantTypes: ['password'],
    });
    const pub = await token({
      client: server.client,
      body: {
        grant_type: 'password',
        client_id: spa.client.clientId,
        username: user.username,
        password: PASSWORD,
      },
    });
    expect(pub.error).toMatchObject({ error: 'unauthorized_client' });
  });

  it('locks the account after 5 failures, even against the right password', async () => {
    const app = await desktopApp();
    const user = await createUser(server.app);
    for (let i = 0; i < 5; i++) {
      expect((await passwordRequest(app, user.username, `wrong ${i}`)).response.status).toBe(400);
    }
    const locked = await passwordRequest(app, user.username, PASSWORD);
    expect(locked.response.status).toBe(400);
    expect(locked.error).toMatchObject({ error: 'invalid_grant' });

    const { audit } = server.app.services.stores;
    const lockEvents = await audit.list({ type: 'account.locked', targetId: user.id, limit: 10 });
    expect(lockEvents.items).toHaveLength(1);
    const failures = await audit.list({ type: 'login.failed', targetId: user.id, limit: 10 });
    expect(failures.items.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(failures.items)).not.toContain('wrong 0');

    // An administrator's unlock (or the lock expiring) lets the right password in again.
    await server.app.services.stores.users.clearFailedLogins(user.id);
    expect((await passwordRequest(app, user.username, PASSWORD)).response.status).toBe(200);
  });

  it('rate limits each client: 429 with Retry-After once the burst is spent', async () => {
    const app = await desktopApp();
    const other = await desktopApp();
    const user = await createUser(server.app);
    const results = await Promise.all(
      Array.from({ length: 33 }, () => passwordRequest(app, user.username, PASSWORD)),
    );
    // A burst of 30, refilled at one every 2 seconds.
    const limited = results.filter((r) => r.response.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(results.filter((r) => r.response.status === 200).length).toBeGreaterThanOrEqual(30);
    expect(Number(limited[0]!.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited[0]!.response.headers.get('cache-control')).toBe('no-store');
    // Another client is not affected.
    expect((await passwordRequest(other, user.username, PASSWORD)).response.status).toBe(200);
  });
});
