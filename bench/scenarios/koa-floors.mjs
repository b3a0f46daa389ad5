// Floors on bare Koa (see peers/koa-floors.mjs): not peers to beat, but what any Koa server
// doing the unavoidable work of a scenario reaches on this machine.
import { startPeer } from '../lib/peer.mjs';

const basic = `Basic ${Buffer.from('floor-client:floor-secret').toString('base64')}`;

export default {
  id: 'koa-floors',
  label: 'bare Koa 3 + only the unavoidable work',
  start: (ctx) => startPeer('koa-floors.mjs', ctx, '/sign-jwt'),
  scenarios: () => [
    {
      id: 'koa-floors/sign-jwt',
      name: 'one ES256 JWT signed per request (floor of a JWT grant)',
      request: { method: 'GET', path: '/sign-jwt' },
      expect: (body) =>
        /^[\w-]+\.[\w-]+\.[\w-]{86}$/.test(body.access_token ?? '') ? undefined : 'no JWT',
    },
    {
      id: 'koa-floors/introspect',
      name: 'form body + Basic client auth + JSON from a Map (floor of introspection)',
      request: {
        method: 'POST',
        path: '/introspect',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic },
        body: 'token=floor-token',
      },
      expect: (body) => (body.active === true ? undefined : 'token not active'),
    },
    {
      id: 'koa-floors/bearer-get',
      name: 'GET with a bearer token looked up by SHA-256 in a Map (floor of a PAT GET)',
      request: { method: 'GET', path: '/me', headers: { Authorization: 'Bearer floor-pat' } },
      expect: (body) => (body.id === 'usr_floor' ? undefined : 'no user'),
    },
  ],
};
