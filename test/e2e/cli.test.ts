// The `latchkey` CLI, run as a child process against a live in-process server: what an admin
// scripting client management and token clean-up sees (output, JSON, exit codes, profile file).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ADMIN_SCOPES,
  createAdminPersonalAccessToken,
  createClient,
  createUser,
} from '../helpers/fixtures.js';
import { runProcess, type Run } from '../helpers/process.js';
import { startServer, type TestServer } from '../helpers/server.js';

// Each command is a fresh Node process (about a second under load): give tests room.
vi.setConfig({ testTimeout: 90_000 });

const BIN = fileURLToPath(new URL('../../packages/sdk/bin/latchkey.js', import.meta.url));

let server: TestServer;
let adminToken: string;
let config: string;

/** Runs `latchkey ...args` with a clean environment: only what the test passes. */
function latchkey(
  args: string[],
  options: { env?: Record<string, string>; input?: string; auth?: boolean } = {},
): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: config,
    XDG_CONFIG_HOME: config,
    ...(options.auth === false ? {} : { LATCHKEY_URL: server.baseUrl, LATCHKEY_TOKEN: adminToken }),
    ...options.env,
  };
  return runProcess(process.execPath, [BIN, ...args], { env, input: options.input ?? '' });
}

/** What a command that must succeed printed; a failure shows its exit code and stderr. */
function out(run: Run): string {
  expect(run.code, `exit ${run.code}, stderr: ${run.stderr}`).toBe(0);
  return run.stdout;
}

function json<T>(run: Run): T {
  expect(run.stderr, 'no error output').not.toMatch(/latchkey: /);
  return JSON.parse(out(run)) as T;
}

/** One line on stderr, no stack trace. */
function expectOneLineError(run: Run, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).toBe('');
}

beforeAll(async () => {
  server = await startServer();
  config = await mkdtemp(join(tmpdir(), 'latchkey-cli-'));
  adminToken = await createAdminPersonalAccessToken(server.app, {
    name: 'cli test',
    scope: ADMIN_SCOPES,
    username: 'cli-admin',
  });
});
afterAll(async () => {
  await server.close();
  await rm(config, { recursive: true, force: true });
});

describe('help and usage', () => {
  it('has --help for the CLI and for every command, listing the exit codes', async () => {
    const top = await latchkey(['--help'], { auth: false });
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Exit codes:/);
    const commands = [
      ...top.stdout.matchAll(/^ {2}((?:clients|tokens|users) [a-z-]+|login|logout) /gm),
    ].map((m) => m[1]!);
    expect(commands).toEqual(
      expect.arrayContaining([
        'clients create',
        'clients rotate-secret',
        'tokens prune',
        'users create',
        'login',
      ]),
    );
    const helps = await Promise.all(
      commands.map((c) => latchkey([...c.split(' '), '--help'], { auth: false })),
    );
    helps.forEach((run, i) => {
      expect(run.code, commands[i]).toBe(0);
      expect(run.stdout, commands[i]).toContain(`Usage: latchkey ${commands[i]}`);
    });
  });

  it('exits 2 with a hint on usage errors', async () => {
    expectOneLineError(await latchkey(['clientz']), 2, /unknown command "clientz"/);
    expectOneLineError(
      await latchkey(['clients', 'show']),
      2,
      /expected CLIENT_ID.*\n.*clients show --help/,
    );
    expectOneLineError(
      await latchkey(['clients', 'list', '--bogus']),
      2,
      /Unknown option '--bogus'/,
    );
    expectOneLineError(await latchkey(['tokens', 'prune']), 2, /--unused-days is required/);
    expectOneLineError(
      await latchkey(['clients', 'delete', 'cl_x']),
      2,
      /refusing without --yes when not interactive/,
    );
  });
});

describe('authentication', () => {
  it('exits 3 without credentials, or with a bad token', async () => {
    expectOneLineError(await latchkey(['clients', 'list'], { auth: false }), 3, /not logged in/);
    expectOneLineError(
      await latchkey(['clients', 'list'], { env: { LATCHKEY_TOKEN: 'lk_pat_not_a_real_token' } }),
      3,
      /authentication failed/,
    );
  });

  it('exits 4 when the server cannot be reached', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as { port: number };
    await new Promise((r) => probe.close(r));
    expectOneLineError(
      await latchkey(['clients', 'list'], { env: { LATCHKEY_URL: `http://127.0.0.1:${port}` } }),
      4,
      /Could not reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/clients: .*ECONNREFUSED/,
    );
  });

  it('logs in into a 0600 profile file that later commands use', async () => {
    const login = await latchkey(['login', '--url', server.baseUrl, '--token-stdin'], {
      auth: false,
      input: `${adminToken}\n`,
    });
    expect(out(login)).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+ as cli-admin/);
    const path = join(config, 'latchkey', 'profile.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      url: server.baseUrl,
      token: adminToken,
    });
    const list = await latchkey(['clients', 'list', '--json'], { auth: false });
    expect(json<unknown[]>(list).length).toBeGreaterThan(0);
    expect((await latchkey(['logout'], { auth: false })).code).toBe(0);
    expect((await latchkey(['clients', 'list'], { auth: false })).code).toBe(3);
  });

  it('refuses to save a token the server rejects', async () => {
    const run = await latchkey(['login', '--url', server.baseUrl, '--token', 'lk_pat_nope'], {
      auth: false,
    });
    expect(run.code).toBe(3);
    await expect(stat(join(config, 'latchkey', 'profile.json'))).rejects.toThrow();
  });
});

describe('clients', () => {
  it('creates, lists, shows, updates, rotates and deletes a client', async () => {
    const created = json<{ client_id: string; client_secret: string; grant_types: string[] }>(
      await latchkey([
        'clients',
        'create',
        '--json',
        '--name',
        'Nightly export',
        '--grant-type',
        'client_credentials',
        '--scope',
        'clients:read',
        '--auth-method',
        'client_secret_basic',
      ]),
    );
    expect(created.client_secret).toMatch(/^lk_cs_/);
    expect(created.grant_types).toEqual(['client_credentials']);
    const id = created.client_id;

    const listed = json<Array<{ client_id: string }>>(
      await latchkey(['clients', 'list', '--json']),
    );
    expect(listed.map((c) => c.client_id)).toContain(id);

    const table = await latchkey(['clients', 'list', '--grant-type', 'client_credentials']);
    expect(out(table).split('\n')[0]).toMatch(/^CLIENT ID\s+NAME\s+GRANT TYPES\s+AUTH\s+CREATED$/);
    expect(out(table)).toMatch(new RegExp(`^${id}\\s+Nightly export\\s+client_credentials`, 'm'));

    const shown = await latchkey(['clients', 'show', id]);
    expect(out(shown)).toMatch(/^Name:\s+Nightly export$/m);
    expect(out(shown)).not.toContain(created.client_secret);

    const updated = json<{ client_name: string; access_token_lifetime: number | null }>(
      await latchkey([
        'clients',
        'update',
        id,
        '--name',
        'Nightly export (v2)',
        '--access-token-lifetime',
        '900',
        '--json',
      ]),
    );
    expect(updated).toMatchObject({
      client_name: 'Nightly export (v2)',
      access_token_lifetime: 900,
    });

    const rotated = json<{ client_secret: string }>(
      await latchkey(['clients', 'rotate-secret', id, '--grace-period', '60', '--json']),
    );
    expect(rotated.client_secret).toMatch(/^lk_cs_/);
    expect(rotated.client_secret).not.toBe(created.client_secret);

    expect(json(await latchkey(['clients', 'delete', id, '--yes', '--json']))).toEqual({
      deleted: id,
    });
    expectOneLineError(await latchkey(['clients', 'show', id]), 1, /^latchkey: 404 Not Found: /);
  });

  it('prints the secret once for people, with a note on stderr', async () => {
    const run = await latchkey([
      'clients',
      'create',
      '--name',
      'Human',
      '--grant-type',
      'client_credentials',
    ]);
    expect(out(run)).toMatch(/^Client secret: lk_cs_\S+$/m);
    expect(run.stderr).toMatch(/not shown again/);
  });

  it('reports validation errors in one line with the field, exit 1', async () => {
    const run = await latchkey([
      'clients',
      'create',
      '--name',
      'Broken',
      '--grant-type',
      'authorization_code',
      '--redirect-uri',
      'not a url',
    ]);
    expectOneLineError(run, 1, /^latchkey: 400 .*redirect_uris/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('prunes tokens unused for N days: dry run first, then for real', async () => {
    const user = await createUser(server.app, { username: 'prune-me' });
    const { client } = await createClient(server.app, {
      clientName: 'PAT client',
      personalAccessTokensEnabled: true,
      scope: 'profile',
    });
    const make = async (name: string, lastUsedDaysAgo: number | null) => {
      const { record } = await server.app.services.pats.create({
        userId: user.id,
        clientId: client.clientId,
        name,
        scope: 'profile',
        expiresAt: null,
      });
      if (lastUsedDaysAgo !== null) {
        await server.app.services.stores.personalAccessTokens.touch(
          record.id,
          new Date(Date.now() - lastUsedDaysAgo * 86_400_000),
        );
      }
      return record.id;
    };
    const stale = await make('stale', 60);
    const recent = await make('recent', 1);
    const fresh = await make('fresh, never used', null);
    const mine = ['--user', user.id];

    const listed = json<Array<{ id: string }>>(
      await latchkey(['tokens', 'list', ...mine, '--json']),
    );
    expect(listed.map((t) => t.id).sort()).toEqual([stale, recent, fresh].sort());

    const dry = json<{
      dry_run: boolean;
      matched: number;
      revoked: null;
      tokens: Array<{ id: string }>;
    }>(await latchkey(['tokens', 'prune', '--unused-days', '30', '--dry-run', '--json', ...mine]));
    expect(dry).toMatchObject({ dry_run: true, matched: 1, revoked: null });
    expect(dry.tokens.map((t) => t.id)).toEqual([stale]);
    expect(await server.app.services.stores.personalAccessTokens.get(stale)).toBeDefined();

    const dryTable = await latchkey([
      'tokens',
      'prune',
      '--unused-days',
      '30',
      '--dry-run',
      ...mine,
    ]);
    expect(out(dryTable)).toMatch(/Would revoke 1 token \(dry run\)/);
    expect(dryTable.stderr).toBe(''); // no progress bar without a terminal

    const real = json<{ dry_run: boolean; revoked: number }>(
      await latchkey(['tokens', 'prune', '--unused-days', '30', '--yes', '--json', ...mine]),
    );
    expect(real).toMatchObject({ dry_run: false, revoked: 1 });
    expect(await server.app.services.stores.personalAccessTokens.get(stale)).toBeUndefined();
    expect(await server.app.services.stores.personalAccessTokens.get(recent)).toBeDefined();
    expect(await server.app.services.stores.personalAccessTokens.get(fresh)).toBeDefined();

    const again = await latchkey(['tokens', 'prune', '--unused-days', '30', '--yes', ...mine]);
    expect(out(again)).toBe('No tokens unused for 30 days.\n');

    const revoked = await latchkey(['tokens', 'revoke', recent, fresh]);
    expect(out(revoked)).toBe('Revoked 2 of 2 tokens.\n');
    expect(json<unknown[]>(await latchkey(['tokens', 'list', ...mine, '--json']))).toEqual([]);
  });
});

describe('users', () => {
  it('creates a user with the password from stdin and lists it', async () => {
    const created = json<{ username: string; role: string }>(
      await latchkey(
        ['users', 'create', '--username', 'grace', '--role', 'admin', '--password-stdin', '--json'],
        {
          input: 'a long and unguessable passphrase\n',
        },
      ),
    );
    expect(created).toMatchObject({ username: 'grace', role: 'admin' });
    const users = json<Array<{ username: string }>>(
      await latchkey(['users', 'list', '-q', 'grace', '--json']),
    );
    expect(users.map((u) => u.username)).toEqual(['grace']);
    const table = await latchkey(['users', 'list', '--role', 'admin']);
    expect(out(table)).toMatch(/^USER ID\s+USERNAME\s+EMAIL\s+ROLE\s+STATUS$/m);
    expect(out(table)).toMatch(/\sgrace\s/);
  });
});
