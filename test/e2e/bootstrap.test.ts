// First start: the administrator and the console's public client, created once, even when
// several instances start together on one store.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, testConfig, type App, type Config } from '@latchkey/server';
import { getClient, listAuditEvents } from '../../packages/sdk/src/generated/sdk.gen.js';
import { CONSOLE_CLIENT_ID } from '../../packages/server/src/bootstrap.js';
import { BUILTIN_SCOPES } from '../../packages/server/src/domains/scopes/index.js';
import { verifyPassword } from '../../packages/server/src/lib/passwords.js';
import { openStores, type Stores } from '../../packages/server/src/storage/index.js';
import { createUser } from '../helpers/fixtures.js';
import { expectStatus, signIn } from '../helpers/management.js';
import { startServer } from '../helpers/server.js';

const noAdminEnv: Partial<Config> = { adminUsername: undefined, adminPassword: undefined };
const opened: Stores[] = [];

async function freshStores(): Promise<Stores> {
  const stores = await openStores('sqlite::memory:');
  opened.push(stores);
  return stores;
}

/** Starts apps on `stores` and returns what they printed to stdout. */
async function start(stores: Stores, count = 1, config: Partial<Config> = noAdminEnv) {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const apps: App[] = await Promise.all(
      Array.from({ length: count }, () => createApp(testConfig(config), stores)),
    );
    return { apps, printed: write.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    write.mockRestore();
  }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('the administrator', () => {
  it('is created from LATCHKEY_ADMIN_USERNAME / LATCHKEY_ADMIN_PASSWORD, silently', async () => {
    const stores = await freshStores();
    const { printed } = await start(stores, 1, {
      adminUsername: 'root',
      adminPassword: 'a configured admin password',
    });
    expect(printed).toBe('');
    const root = await stores.users.getByUsername('root');
    expect(root).toMatchObject({ role: 'admin', disabled: false });
    expect(await verifyPassword(root!.passwordHash, 'a configured admin password')).toBe(true);
    expect(await stores.users.count()).toBe(1);
  });

  it('is "admin" with a random password printed once, framed, when none is configured', async () => {
    const stores = await freshStores();
    const first = await start(stores);
    const match = /Username: admin\n\s+Password: (\S+)\n/.exec(first.printed);
    expect(match, first.printed).not.toBeNull();
    expect(first.printed).toMatch(/^\n={64}\n/);
    expect(first.printed).toMatch(/shown only once/);
    const password = match![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const admin = await stores.users.getByUsername('admin');
    expect(admin!.role).toBe('admin');
    expect(await verifyPassword(admin!.passwordHash, password)).toBe(true);

    // A restart on the same store creates nothing and prints nothing.
    const second = await start(stores);
    expect(second.printed).toBe('');
    expect(await stores.users.count()).toBe(1);
    expect(await verifyPassword((await stores.users.get(admin!.id))!.passwordHash, password)).toBe(
      true,
    );
  });

  it('is not created when the store already has users', async () => {
    const stores = await freshStores();
    const [app] = (await start(stores)).apps;
    await createUser(app!, { username: 'existing' });
    await stores.users.delete((await stores.users.getByUsername('admin'))!.id);
    const again = await start(stores);
    expect(again.printed).toBe('');
    expect(await stores.users.getByUsername('admin')).toBeUndefined();
  });

  it('is created exactly once when instances start together', async () => {
    const stores = await freshStores();
    const { printed } = await start(stores, 4);
    expect(printed.match(/Password: /g)).toHaveLength(1);
    expect(await stores.users.count()).toBe(1);
    const page = await stores.clients.list({ limit: 100 });
    expect(page.items.filter((c) => c.clientId === CONSOLE_CLIENT_ID)).toHaveLength(1);
  });
});

describe('the console client', () => {
  it('is registered as a first-party public PKCE client with every built-in scope', async () => {
    const server = await startServer();
    try {
      const admin = await signIn(server);
      const res = await getClient({ client: admin.api, path: { client_id: CONSOLE_CLIENT_ID } });
      expect(expectStatus(res, 200).data).toMatchObject({
        client_id: 'latchkey-console',
        client_name: 'Latchkey Console',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [`${server.baseUrl}/console/callback`],
        skip_consent: true,
        personal_access_tokens_enabled: true,
        client_secret_hint: null,
      });
      expect(res.data!.scope.split(' ').sort()).toEqual(BUILTIN_SCOPES.map((s) => s.name).sort());
      const events = await listAuditEvents({
        client: admin.api,
        query: { target_id: CONSOLE_CLIENT_ID },
      });
      expect(events.data!.data).toEqual([
        expect.objectContaining({
          type: 'client.created',
          actor: { type: 'system', id: null, name: null },
        }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('gets the callback of a new issuer registered on restart, keeping the old one', async () => {
    const stores = await freshStores();
    await start(stores, 1, { issuer: 'https://old.example' });
    await start(stores, 1, { issuer: 'https://new.example' });
    await start(stores, 1, { issuer: 'https://new.example' });
    const client = await stores.clients.get(CONSOLE_CLIENT_ID);
    expect(client!.redirectUris).toEqual([
      'https://old.example/console/callback',
      'https://new.example/console/callback',
    ]);
  });
});
