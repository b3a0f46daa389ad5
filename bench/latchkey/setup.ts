// Writes Latchkey's benchmark fixtures straight through the app's stores and services, into the
// database the server will then be started on (DATABASE_URL), before it starts:
//   clients (client_credentials, authorization_code + refresh_token, PAT-enabled, N password
//   clients), users, one access token, one refresh token and one PAT to introspect, and the
//   one-shot lists: authorization codes and refresh tokens, one line per request.
// Output: $BENCH_OUT/fixtures.json, codes.txt, refresh-tokens.txt, password-clients.txt.
// Run: node --import tsx bench/latchkey/setup.ts (from the repository root).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../packages/server/src/app.js';
import { loadConfig } from '../../packages/server/src/config.js';
import { newClientSecret } from '../../packages/server/src/domains/clients/index.js';
import type { NewClient } from '../../packages/server/src/domains/clients/store.js';
import { REFRESH_TOKEN_PREFIX } from '../../packages/server/src/domains/oauth/issue.js';
import { randomId, randomSecret, sha256 } from '../../packages/server/src/lib/crypto.js';
import { hashPassword } from '../../packages/server/src/lib/passwords.js';

const OUT = process.env.BENCH_OUT ?? '.';
const CODES = Number(process.env.BENCH_CODES ?? 1000);
const REFRESH_TOKENS = Number(process.env.BENCH_REFRESH_TOKENS ?? 1000);
const PASSWORD_CLIENTS = Number(process.env.BENCH_PASSWORD_CLIENTS ?? 100);
const BATCH = Number(process.env.BENCH_SETUP_BATCH ?? 64);

const REDIRECT_URI = 'https://app.bench.example/callback';
const CODE_VERIFIER = 'bench-code-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';
const USER_PASSWORD = 'bench user password, not secret';
const HOUR = 3_600_000;

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function client(app: App, input: Partial<NewClient> & Pick<NewClient, 'clientId'>) {
  const secret = newClientSecret();
  await app.services.stores.clients.create({
    clientName: input.clientId,
    description: null,
    redirectUris: [],
    grantTypes: [],
    personalAccessTokensEnabled: false,
    tokenEndpointAuthMethod: 'client_secret_basic',
    scope: 'profile',
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
    skipConsent: true,
    secretDigest: secret.digest,
    secretHint: secret.hint,
    previousSecretDigest: null,
    previousSecretExpiresAt: null,
    ...input,
  });
  return { clientId: input.clientId, basic: basic(input.clientId, secret.secret) };
}

async function user(app: App, username: string, role: 'admin' | 'member') {
  return app.services.stores.users.create({
    id: `usr_${randomId()}`,
    username,
    email: null,
    displayName: null,
    role,
    disabled: false,
    passwordHash: await hashPassword(USER_PASSWORD),
  });
}

/** Runs `make(i)` for i in [0, count), `BATCH` at a time, writing each result as a line. */
async function lines(file: string, count: number, make: (i: number) => Promise<string>) {
  const out = createWriteStream(file);
  for (let start = 0; start < count; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) batch.push(make(i));
    out.write(`${(await Promise.all(batch)).join('\n')}\n`);
  }
  await new Promise((resolve) => out.end(resolve));
}

/**
 * SQLite: this setup connection skips fsync on commit (PRAGMA synchronous is per connection, so
 * the server's own connection keeps its setting); a hundred thousand fixture rows otherwise take
 * minutes. Applied right after the store sets WAL mode; returns the undo.
 */
function fastSqliteWrites(): () => void {
  type Pragma = (this: unknown, source: string, options?: unknown) => unknown;
  const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
  const Database = require('better-sqlite3') as { prototype: { pragma: Pragma } };
  const original = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    const result = original.call(this, source, options);
    if (/^journal_mode/.test(source)) original.call(this, 'synchronous = OFF');
    return result;
  };
  return () => {
    Database.prototype.pragma = original;
  };
}

async function main() {
  const config = loadConfig();
  const fast = config.databaseUrl.startsWith('sqlite:') ? fastSqliteWrites() : undefined;
  const app = await createApp(config);
  fast?.();
  const { stores, accessTokens, pats } = app.services;
  const started = Date.now();

  const admin = await user(app, 'bench-admin', 'admin');
  const member = await user(app, 'bench-user', 'member');
  const service = await client(app, {
    clientId: 'bench-service',
    grantTypes: ['client_credentials'],
  });
  const web = await client(app, {
    clientId: 'bench-web',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: [REDIRECT_URI],
  });
  const cli = await client(app, {
    clientId: 'bench-cli',
    grantTypes: [],
    personalAccessTokensEnabled: true,
    scope: 'profile tokens:read clients:read',
  });

  // One access token and one refresh token of a user grant, to introspect (not rotated).
  const grant = await stores.grants.create({
    id: randomId(),
    clientId: web.clientId,
    userId: member.id,
    scope: 'profile',
    expiresAt: new Date(Date.now() + 24 * HOUR),
  });
  const accessToken = accessTokens.issue({
    clientId: web.clientId,
    userId: member.id,
    scope: 'profile',
    grantId: grant.id,
    ttlSeconds: 86_400,
  }).token;
  const refreshToken = randomSecret(REFRESH_TOKEN_PREFIX);
  await stores.refreshTokens.insert({
    digest: sha256(refreshToken),
    grantId: grant.id,
    clientId: web.clientId,
    userId: member.id,
    scope: 'profile',
    expiresAt: grant.expiresAt,
  });
  const pat = await pats.create({
    userId: admin.id,
    clientId: cli.clientId,
    name: 'bench',
    scope: 'profile clients:read',
    expiresAt: null,
  });

  // Password grant: many clients, because the grant is rate limited per client.
  const passwordClients: string[] = [];
  for (let i = 0; i < PASSWORD_CLIENTS; i++) {
    const c = await client(app, { clientId: `bench-password-${i}`, grantTypes: ['password'] });
    passwordClients.push(c.basic);
  }
  writeFileSync(join(OUT, 'password-clients.txt'), `${passwordClients.join('\n')}\n`);

  // One-shot credentials: authorization codes (with a PKCE S256 challenge) and refresh tokens.
  const challenge = createHash('sha256').update(CODE_VERIFIER).digest('base64url');
  await lines(join(OUT, 'codes.txt'), CODES, async () => {
    const code = randomSecret();
    await stores.authorizationCodes.insert({
      digest: sha256(code),
      clientId: web.clientId,
      userId: member.id,
      redirectUri: REDIRECT_URI,
      scope: 'profile',
      codeChallenge: challenge,
      expiresAt: new Date(Date.now() + 4 * HOUR),
    });
    return code;
  });
  await lines(join(OUT, 'refresh-tokens.txt'), REFRESH_TOKENS, async () => {
    const family = await stores.grants.create({
      id: randomId(),
      clientId: web.clientId,
      userId: member.id,
      scope: 'profile',
      expiresAt: new Date(Date.now() + 24 * HOUR),
    });
    const token = randomSecret(REFRESH_TOKEN_PREFIX);
    await stores.refreshTokens.insert({
      digest: sha256(token),
      grantId: family.id,
      clientId: web.clientId,
      userId: member.id,
      scope: 'profile',
      expiresAt: family.expiresAt,
    });
    return token;
  });

  const fixtures = {
    redirectUri: REDIRECT_URI,
    codeVerifier: CODE_VERIFIER,
    user: { username: member.username, password: USER_PASSWORD },
    service,
    web,
    cli,
    accessToken,
    refreshToken,
    pat: pat.token,
    files: {
      codes: join(OUT, 'codes.txt'),
      refreshTokens: join(OUT, 'refresh-tokens.txt'),
      passwordClients: join(OUT, 'password-clients.txt'),
    },
    counts: { codes: CODES, refreshTokens: REFRESH_TOKENS, passwordClients: PASSWORD_CLIENTS },
    setupSeconds: (Date.now() - started) / 1000,
  };
  writeFileSync(join(OUT, 'fixtures.json'), JSON.stringify(fixtures, null, 2));
  await app.close();
  if (/^mongodb/.test(config.databaseUrl)) await dropIndexes(config.databaseUrl);
}

/**
 * FerretDB 1.24 closes the connection (a panic in createIndexes) when a createIndexes command
 * naming several indexes is run again on indexes that exist, which is what the server's start-up
 * does on a database that was opened before. So the indexes this setup created are dropped, and
 * the server builds them at start as on a first start. Harmless on a real MongoDB.
 */
async function dropIndexes(url: string) {
  const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
  interface Db {
    listCollections(): { toArray(): Promise<{ name: string }[]> };
    collection(name: string): { dropIndexes(): Promise<unknown> };
  }
  const { MongoClient } = require('mongodb') as {
    MongoClient: {
      connect(url: string): Promise<{ db(name: string): Db; close(): Promise<void> }>;
    };
  };
  const { databaseName } = await import('../../packages/server/src/storage/mongo/index.js');
  const client = await MongoClient.connect(url);
  try {
    const db = client.db(databaseName(url));
    for (const { name } of await db.listCollections().toArray()) {
      await db.collection(name).dropIndexes();
    }
  } finally {
    await client.close();
  }
}

await main();
process.exit(0);
