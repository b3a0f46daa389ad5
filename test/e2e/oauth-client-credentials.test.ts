// The client credentials grant (RFC 6749 §4.4): a confidential client acting for itself.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { token } from '../../packages/sdk/src/generated/sdk.gen.js';
import { createClient } from '../helpers/fixtures.js';
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
