// @node-oauth/oauth2-server 5.3 (in-memory model) behind a minimal Koa adapter.
import { startPeer } from '../lib/peer.mjs';

const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789' }; // as in peers/node-oauth2-server.mjs
const basic = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;
const form = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic };

async function token(baseUrl) {
  const response = await fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: form,
    body: 'grant_type=client_credentials',
  });
  return (await response.json()).access_token;
}

export default {
  id: 'node-oauth2-server',
  label: '@node-oauth/oauth2-server 5.3.0',
  start: (ctx) => startPeer('node-oauth2-server.mjs', ctx),
  scenarios: (server) => [
    {
      id: 'node-oauth2-server/cc',
      name: 'client_credentials, opaque token',
      request: {
        method: 'POST',
        path: '/token',
        headers: form,
        body: 'grant_type=client_credentials',
      },
      expect: (b) => (b.access_token ? undefined : 'no access_token'),
    },
    {
      id: 'node-oauth2-server/bearer-get',
      name: 'bearer-authenticated GET (authenticate())',
      // Fetched just before it runs: the model keeps the newest 100,000 tokens and the
      // client_credentials scenario issues more than that.
      prepare: async () => ({
        method: 'GET',
        path: '/me',
        headers: { Authorization: `Bearer ${await token(server.baseUrl)}` },
      }),
      expect: (b) => (b.user ? undefined : 'not authenticated'),
    },
  ],
};
