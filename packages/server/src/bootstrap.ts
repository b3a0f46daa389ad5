// First start on an empty store: the administrator, and the console's own public client.
// Idempotent and safe when several instances start at once (a lost race is a DuplicateKeyError).
import type { Services } from './app.js';
import { BUILTIN_SCOPES } from './domains/scopes/index.js';
import { randomId, randomSecret } from './lib/crypto.js';
import { hashPassword } from './lib/passwords.js';
import { DuplicateKeyError } from './lib/store-errors.js';

/** The console's client id; scripts and tests may rely on it. */
export const CONSOLE_CLIENT_ID = 'latchkey-console';

const SYSTEM = { type: 'system', id: null, name: null } as const;

export type Print = (text: string) => void;

export async function bootstrap(
  services: Services,
  print: Print = (text) => process.stdout.write(text),
): Promise<void> {
  await ensureAdministrator(services, print);
  await ensureConsoleClient(services);
}

async function ensureAdministrator(services: Services, print: Print): Promise<void> {
  const { config, stores, audit } = services;
  if ((await stores.users.count()) > 0) return;
  const username = config.adminUsername ?? 'admin';
  const password = config.adminPassword ?? randomSecret('', 18);
  try {
    const user = await stores.users.create({
      id: `usr_${randomId()}`,
      username,
      email: null,
      displayName: null,
      role: 'admin',
      disabled: false,
      passwordHash: await hashPassword(password),
    });
    await audit.record(
      'user.created',
      {},
      { type: 'user', id: user.id },
      {
        username,
        role: 'admin',
        bootstrap: true,
      },
      SYSTEM,
    );
  } catch (error) {
    if (error instanceof DuplicateKeyError) return; // another instance created it first
    throw error;
  }
  // Straight to stdout, framed, once: never through the structured logs.
  if (config.adminPassword === undefined) print(frame(username, password));
}

function frame(username: string, password: string): string {
  const rule = '='.repeat(64);
  return [
    '',
    rule,
    '  Latchkey created the first administrator.',
    `  Username: ${username}`,
    `  Password: ${password}`,
    '  This password is shown only once. Sign in and change it.',
    rule,
    '',
    '',
  ].join('\n');
}

async function ensureConsoleClient(services: Services): Promise<void> {
  const { config, stores, audit } = services;
  const callback = `${config.issuer}/console/callback`;
  const existing = await stores.clients.get(CONSOLE_CLIENT_ID);
  if (existing) {
    // A new issuer (new host name) needs its callback registered for the console to work.
    if (!existing.redirectUris.includes(callback)) {
      await stores.clients.update(CONSOLE_CLIENT_ID, {
        redirectUris: [...existing.redirectUris, callback],
      });
    }
    return;
  }
  try {
    await stores.clients.create({
      clientId: CONSOLE_CLIENT_ID,
      clientName: 'Latchkey Console',
      description: 'The administration console served at /console (first-party, public, PKCE).',
      redirectUris: [callback],
      grantTypes: ['authorization_code', 'refresh_token'],
      personalAccessTokensEnabled: true,
      tokenEndpointAuthMethod: 'none',
      scope: BUILTIN_SCOPES.map((s) => s.name).join(' '),
      accessTokenLifetime: null,
      refreshTokenLifetime: null,
      skipConsent: true,
      secretDigest: null,
      secretHint: null,
      previousSecretDigest: null,
      previousSecretExpiresAt: null,
    });
  } catch (error) {
    if (error instanceof DuplicateKeyError) return;
    throw error;
  }
  await audit.record(
    'client.created',
    {},
    { type: 'client', id: CONSOLE_CLIENT_ID },
    {
      client_name: 'Latchkey Console',
      bootstrap: true,
    },
    SYSTEM,
  );
}
