// @node-oauth/oauth2-server 5.3 behind a minimal Koa adapter: client_credentials with an
// in-memory model (opaque random tokens), and a bearer-authenticated GET /me.
import { randomBytes } from 'node:crypto';
import { URLSearchParams } from 'node:url';
import OAuth2Server from '@node-oauth/oauth2-server';
import Koa from 'koa';

const { Request, Response } = OAuth2Server;
export const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789' };
const MAX_TOKENS = 100_000; // bounded like a cache, so memory stays flat under load

const client = {
  id: CLIENT.id,
  grants: ['client_credentials'],
  accessTokenLifetime: 3600,
};
const tokens = new Map();

const model = {
  async getClient(clientId, clientSecret) {
    return clientId === CLIENT.id && clientSecret === CLIENT.secret ? client : null;
  },
  async getUserFromClient() {
    return { id: 'service-account' };
  },
  async validateScope(user, c, scope) {
    return scope ?? ['api'];
  },
  async generateAccessToken() {
    return randomBytes(32).toString('base64url');
  },
  async saveToken(token, c, user) {
    const saved = { ...token, client: c, user };
    tokens.set(token.accessToken, saved);
    if (tokens.size > MAX_TOKENS) tokens.delete(tokens.keys().next().value);
    return saved;
  },
  async getAccessToken(accessToken) {
    return tokens.get(accessToken) ?? null;
  },
  async verifyScope() {
    return true;
  },
};

const oauth = new OAuth2Server({ model, allowBearerTokensInQueryString: false });

/** A minimal application/x-www-form-urlencoded body reader. */
async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('latin1')));
}

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method === 'POST' && ctx.path === '/token') {
    const request = new Request({
      method: ctx.method,
      headers: ctx.headers,
      query: ctx.query,
      body: await formBody(ctx.req),
    });
    const response = new Response();
    try {
      await oauth.token(request, response);
    } catch (err) {
      ctx.status = err.code ?? 500;
      ctx.body = { error: err.name, error_description: err.message };
      return;
    }
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
    return;
  }
  if (ctx.method === 'GET' && ctx.path === '/me') {
    const request = new Request({ method: ctx.method, headers: ctx.headers, query: ctx.query });
    try {
      const token = await oauth.authenticate(request, new Response());
      ctx.body = { user: token.user.id, client_id: token.client.id };
    } catch (err) {
      ctx.status = err.code ?? 500;
      ctx.body = { error: err.name };
    }
    return;
  }
  ctx.status = 404;
});
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0)); // lets node --cpu-prof write its profile
