// oidc-provider 8.8.1: client_credentials (opaque and ES256 JWT access tokens), introspection.
import { startPeer } from '../lib/peer.mjs';

const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789' }; // as in peers/oidc-provider.mjs
const RESOURCE = 'https://api.bench.example';
const basic = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;
const form = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic };

async function opaqueToken(baseUrl) {
  const response = await fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: form,
    body: 'grant_type=client_credentials&scope=api%3Aread',
  });
  return (await response.json()).access_token;
}

export default {
  id: 'oidc-provider',
  label: 'oidc-provider 8.8.1',
  start: (ctx) => startPeer('oidc-provider.mjs', ctx, '/.well-known/openid-configuration'),
  scenarios: (server) => [
    {
      id: 'oidc-provider/cc-opaque',
      name: 'client_credentials, opaque token',
      request: {
        method: 'POST',
        path: '/token',
        headers: form,
        body: 'grant_type=client_credentials&scope=api%3Aread',
      },
      expect: (b) =>
        b.access_token && !b.access_token.startsWith('eyJ') ? undefined : 'not an opaque token',
    },
    {
      id: 'oidc-provider/cc-jwt',
      name: 'client_credentials, ES256 JWT token',
      request: {
        method: 'POST',
        path: '/token',
        headers: form,
        body: `grant_type=client_credentials&scope=api%3Aread&resource=${encodeURIComponent(RESOURCE)}`,
      },
      expect: (b) => (b.access_token?.startsWith('eyJ') ? undefined : 'not a JWT'),
    },
    {
      id: 'oidc-provider/introspect',
      name: 'introspection of an opaque access token',
      // Fetched just before it runs: the in-memory adapter is an LRU that the opaque
      // client_credentials scenario fills with newer tokens.
      prepare: async () => ({
        method: 'POST',
        path: '/token/introspection',
        headers: form,
        body: `token=${await opaqueToken(server.baseUrl)}`,
      }),
      expect: (b) => (b.active ? undefined : 'token not active'),
    },
  ],
};
