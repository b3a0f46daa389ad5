// The client credentials grant (RFC 6749 §4.4): a confidential client acting for itself.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  introspectToken,
  revokeClientTokens,
  revokeToken,
  token,
  updateClient,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import { createClient } from '../helpers/fixtures.js';
import { expectStatus, signIn } from '../helpers/management.js';
import { basic } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('the client credentials grant', () => {
  it('issues a token whose subject is the client, without a refresh token', async () => {
    const { client, secret } = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      scope: 'profile tokens:read',
    });
    const res = await token({
      client: server.client,
      headers: basic(client.clientId, secret!),
      body: { grant_type: 'client_credentials', scope: 'tokens:read' },
    });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ token_type: 'Bearer', scope: 'tokens:read' });
    expect(res.data!.refresh_token).toBeUndefined();
    const claims = decodeJwt(res.data!.access_token);
    expect(claims).toMatchObject({ sub: client.clientId, client_id: client.clientId });
    expect(claims.uid).toBeUndefined();
  });

  it('defaults to the client’s allowed scopes, and refuses more', async () => {
    const { client, secret } = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      tokenEndpointAuthMethod: 'client_secret_post',
      scope: 'profile',
    });
    const body = {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: secret!,
    };
    expect((await token({ client: server.client, body })).data!.scope).toBe('profile');
    const wider = await token({ client: server.client, body: { ...body, scope: 'users:read' } });
    expect(wider.response.status).toBe(400);
    expect(wider.error).toMatchObject({ error: 'invalid_scope' });
  });

  it('refuses clients without the grant, and public clients', async () => {
    const web = await createClient(server.app);
    const res = await token({
      client: server.client,
      headers: basic(web.client.clientId, web.secret!),
      body: { grant_type: 'client_credentials' },
    });
    expect(res.error).toMatchObject({ error: 'unauthorized_client' });

    const spa = await createClient(server.app, {
      tokenEndpointAuthMethod: 'none',
      grantTypes: ['client_credentials'],
    });
    const pub = await token({
      client: server.client,
      body: { grant_type: 'client_credentials', client_id: spa.client.clientId },
    });
    expect(pub.error).toMatchObject({ error: 'unauthorized_client' });
  });
});

describe('client_credentials tokens are not stored, yet revocable', () => {
  async function machineClient() {
    const { client, secret } = await createClient(server.app, {
      grantTypes: ['client_credentials'],
      scope: 'profile tokens:read',
    });
    const issue = async (scope = 'profile') => {
      const res = await token({
        client: server.client,
        headers: basic(client.clientId, secret!),
        body: { grant_type: 'client_credentials', scope },
      });
      expect(res.response.status).toBe(200);
      return res.data!.access_token;
    };
    const active = async (accessToken: string) => {
      const res = await introspectToken({
        client: server.client,
        headers: basic(client.clientId, secret!),
        body: { token: accessToken },
      });
      return res.data!.active;
    };
    return { client, secret: secret!, issue, active };
  }

  it('writes no grant per token: the store does not grow with issuance', async () => {
    const m = await machineClient();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => m.issue()));
    for (const t of tokens) {
      const { gid } = decodeJwt(t) as { gid: string };
      expect(await server.app.services.stores.grants.get(gid)).toBeUndefined();
      expect(await m.active(t)).toBe(true);
    }
  });

  it('revokes one token (RFC 7009) and leaves the client’s other tokens active', async () => {
    const m = await machineClient();
    const [first, second] = [await m.issue(), await m.issue()];
    const res = await revokeToken({
      client: server.client,
      headers: basic(m.client.clientId, m.secret),
      body: { token: first },
    });
    expect(res.response.status).toBe(200);
    expect(await m.active(first)).toBe(false);
    expect(await m.active(second)).toBe(true);
    // Revoking it again changes nothing and still answers 200 (§2.2).
    const again = await revokeToken({
      client: server.client,
      headers: basic(m.client.clientId, m.secret),
      body: { token: first },
    });
    expect(again.response.status).toBe(200);
  });

  it('ends every token of the client on revoke-tokens; tokens issued after are good', async () => {
    const admin = await signIn(server);
    const m = await machineClient();
    const before = [await m.issue(), await m.issue('tokens:read')];
    expectStatus(
      await revokeClientTokens({ client: admin.api, path: { client_id: m.client.clientId } }),
      200,
    );
    for (const t of before) expect(await m.active(t)).toBe(false);
    const after = await m.issue();
    expect(await m.active(after)).toBe(true);
  });

  it('ends them when an update takes a scope away from the client', async () => {
    const admin = await signIn(server);
    const m = await machineClient();
    const before = await m.issue();
    expectStatus(
      await updateClient({
        client: admin.api,
        path: { client_id: m.client.clientId },
        body: { scope: 'profile' },
      }),
      200,
    );
    expect(await m.active(before)).toBe(false);
    expect(await m.active(await m.issue())).toBe(true);
  });

  it('ends them when the client is deleted', async () => {
    const m = await machineClient();
    const issued = await m.issue();
    const other = await machineClient();
    await server.app.services.stores.clients.delete(m.client.clientId);
    server.app.services.revocation.forgetClient(m.client.clientId);
    const res = await introspectToken({
      client: server.client,
      headers: basic(other.client.clientId, other.secret),
      body: { token: issued },
    });
    expect(res.data).toEqual({ active: false });
  });
});
