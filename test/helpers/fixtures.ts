// Test data written straight through the app's stores and services, for tests whose subject
// is something else (the subject itself is always exercised over HTTP through the SDK).
import type { App } from '@latchkey/server';
import type { ClientRecord, NewClient } from '../../packages/server/src/domains/clients/store.js';
import { newClientSecret } from '../../packages/server/src/domains/clients/index.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { randomId } from '../../packages/server/src/lib/crypto.js';
import { hashPassword } from '../../packages/server/src/lib/passwords.js';

export const PASSWORD = 'correct horse battery staple';

export async function createUser(
  app: App,
  input: Partial<Pick<UserRecord, 'username' | 'role' | 'disabled' | 'email'>> = {},
  password = PASSWORD,
): Promise<UserRecord> {
  return app.services.stores.users.create({
    id: randomId(),
    username: input.username ?? `user-${randomId().slice(0, 8)}`,
    email: input.email ?? null,
    displayName: null,
    role: input.role ?? 'member',
    disabled: input.disabled ?? false,
    passwordHash: await hashPassword(password),
  });
}

/** A confidential client by default; returns the plain secret alongside the record. */
export async function createClient(
  app: App,
  input: Partial<NewClient> = {},
): Promise<{ client: ClientRecord; secret: string | null }> {
  const isPublic = input.tokenEndpointAuthMethod === 'none';
  const secret = isPublic ? null : newClientSecret();
  const client = await app.services.stores.clients.create({
    clientId: `client-${randomId().slice(0, 10)}`,
    clientName: 'Test client',
    description: null,
    redirectUris: ['https://app.example/callback'],
    grantTypes: ['authorization_code', 'refresh_token'],
    personalAccessTokensEnabled: false,
    tokenEndpointAuthMethod: 'client_secret_basic',
    scope: 'profile tokens:read tokens:write',
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
    skipConsent: false,
    secretDigest: secret?.digest ?? null,
    secretHint: secret?.hint ?? null,
    previousSecretDigest: null,
    previousSecretExpiresAt: null,
    ...input,
  });
  return { client, secret: secret?.secret ?? null };
}

/** A real ES256 access token for `user`, on a real grant, minted in-process. */
export async function mintAccessToken(
  app: App,
  user: Pick<UserRecord, 'id'>,
  scope: string,
  clientId?: string,
): Promise<string> {
  const client = clientId ?? (await createClient(app, { scope })).client.clientId;
  const grant = await app.services.stores.grants.create({
    id: randomId(),
    clientId: client,
    userId: user.id,
    scope,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return app.services.accessTokens.issue({
    clientId: client,
    userId: user.id,
    scope,
    grantId: grant.id,
    ttlSeconds: 3600,
  }).token;
}

export const ADMIN_SCOPES =
  'profile tokens:read tokens:write clients:read clients:write users:read users:write keys:read keys:write audit:read';

/** A personal access token of a new administrator, on a new client that allows such tokens. */
export async function createAdminPersonalAccessToken(
  app: App,
  { name, scope, username }: { name: string; scope: string; username?: string },
): Promise<string> {
  const admin = await createUser(app, { role: 'admin', ...(username ? { username } : {}) });
  const { client } = await createClient(app, {
    personalAccessTokensEnabled: true,
    scope: ADMIN_SCOPES,
  });
  const pat = await app.services.pats.create({
    userId: admin.id,
    clientId: client.clientId,
    name,
    scope,
    expiresAt: null,
  });
  return pat.token;
}
