// oidc-provider 8.8.1 (the last line supporting Node 20): client_credentials with opaque access
// tokens (no resource requested) and with ES256 JWT access tokens (resource indicator whose
// resource server asks for accessTokenFormat 'jwt'), and token introspection. Default in-memory
// adapter (an LRU), as in its own examples.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

export const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789' };
export const RESOURCE = 'https://api.bench.example';
const port = Number(process.env.PORT);

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'bench-es256',
  alg: 'ES256',
  use: 'sig',
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
      scope: 'api:read',
    },
  ],
  jwks: { keys: [signingKey] },
  scopes: ['api:read'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // Any authenticated client of this provider may introspect (all are its own resource servers).
    introspection: { enabled: true, allowedPolicy: () => true },
    resourceIndicators: {
      enabled: true,
      // No default: a request without `resource` gets an opaque token.
      defaultResource: () => undefined,
      useGrantedResource: () => false,
      getResourceServerInfo: (ctx, resourceIndicator) => {
        if (resourceIndicator !== RESOURCE) throw new Error('unknown resource');
        return {
          scope: 'api:read',
          audience: RESOURCE,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  },
  ttl: { ClientCredentials: 3600 },
  cookies: { keys: ['bench-cookie-key-not-secret'] },
});
provider.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0)); // lets node --cpu-prof write its profile
