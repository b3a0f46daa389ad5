// Floors: bare Koa doing only the work no OAuth server can skip, and nothing else (no routing
// library, no validation, no store, no logging), so each Latchkey scenario can be read against
// what any Koa server could reach on this machine.
//   GET  /sign-jwt    signs one ES256 access token (node:crypto's synchronous sign, the cheapest
//                     ES256 in Node): the floor of a JWT client_credentials grant
//   POST /introspect  reads a form body, checks HTTP Basic client credentials against a SHA-256
//                     digest, answers RFC 7662 JSON from a Map: the floor of introspection
//   GET  /me          looks up the bearer token's SHA-256 digest in a Map and answers its user:
//                     the floor of a PAT-authenticated GET
import { createHash, generateKeyPairSync, randomUUID, sign, timingSafeEqual } from 'node:crypto';
import { URLSearchParams } from 'node:url';
import Koa from 'koa';

const CLIENT = { id: 'floor-client', secret: 'floor-secret' };
const sha256 = (text) => createHash('sha256').update(text).digest();
const SECRET_DIGEST = sha256(CLIENT.secret);
const ACTIVE = {
  active: true,
  client_id: CLIENT.id,
  sub: 'usr_floor',
  scope: 'profile',
  token_type: 'Bearer',
  iat: 1_800_000_000,
  exp: 2_000_000_000,
};
const TOKENS = new Map([['floor-token', ACTIVE]]);
const USER = { id: 'usr_floor', username: 'floor', email: null, role: 'admin', disabled: false };
const PATS = new Map([[sha256('floor-pat').toString('base64url'), USER]]);

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = b64url({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' });

function signJwt(ctx) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'http://127.0.0.1', sub: CLIENT.id, aud: 'api', client_id: CLIENT.id };
  const input = `${HEADER}.${b64url({ ...claims, iat: now, exp: now + 3600, jti: randomUUID() })}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { access_token: `${input}.${signature}`, token_type: 'Bearer', expires_in: 3600 };
}

async function introspect(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  const basic = Buffer.from((ctx.get('Authorization') || '').slice(6), 'base64').toString();
  const colon = basic.indexOf(':');
  const digest = sha256(basic.slice(colon + 1));
  if (basic.slice(0, colon) !== CLIENT.id || !timingSafeEqual(digest, SECRET_DIGEST)) {
    ctx.status = 401;
    ctx.body = { error: 'invalid_client' };
    return;
  }
  ctx.set('Cache-Control', 'no-store');
  ctx.body = TOKENS.get(new URLSearchParams(raw).get('token')) ?? { active: false };
}

function me(ctx) {
  const token = (ctx.get('Authorization') || '').slice(7);
  const user = PATS.get(sha256(token).toString('base64url'));
  if (!user) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    return;
  }
  ctx.body = user;
}

const ROUTES = { '/introspect': introspect, '/me': me, '/sign-jwt': signJwt };
const app = new Koa();
app.use((ctx) => ROUTES[ctx.path]?.(ctx));
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0)); // lets node --cpu-prof write its profile
