// Discovery: authorization server metadata (RFC 8414) and the key set (RFC 7517).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getAuthorizationServerMetadata,
  getJwks,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ apiScopes: [{ name: 'orders:read', description: 'Read orders' }] });
});
afterAll(() => server.close());

describe('discovery', () => {
  it('publishes every endpoint and capability (RFC 8414 §2)', async () => {
    const res = await getAuthorizationServerMetadata({ client: server.client });
    expect(res.response.status).toBe(200);
    const base = server.baseUrl;
    expect(res.data).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      revocation_endpoint: `${base}/oauth/revoke`,
      introspection_endpoint: `${base}/oauth/introspect`,
      jwks_uri: `${base}/oauth/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(res.data!.grant_types_supported.sort()).toEqual(
      ['authorization_code', 'client_credentials', 'password', 'refresh_token'].sort(),
    );
    expect(res.data!.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'none']),
    );
    expect(res.data!.introspection_endpoint_auth_methods_supported).not.toContain('none');
    expect(res.data!.scopes_supported).toEqual(expect.arrayContaining(['profile', 'orders:read']));
  });

  it('publishes the signing keys, public halves only (RFC 7517)', async () => {
    const res = await getJwks({ client: server.client });
    expect(res.response.status).toBe(200);
    expect(res.data!.keys.length).toBeGreaterThan(0);
    for (const key of res.data!.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('keeps a rotated-out key published so its tokens still verify', async () => {
    const before = (await getJwks({ client: server.client })).data!.keys.map((k) => k.kid);
    await server.app.services.keys.rotate();
    const after = (await getJwks({ client: server.client })).data!.keys.map((k) => k.kid);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.length).toBe(before.length + 1);
  });
});
