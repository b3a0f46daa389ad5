// User accounts, as administrators manage them: unique names and emails, at least one active
// administrator, and a disabled or deleted user's tokens refused at once.
import { describe, expect, it } from 'vitest';
import {
  createPersonalAccessToken,
  createUser,
  deleteUser,
  getMe,
  getUser,
  listAuditEvents,
  listUsers,
  setUserPassword,
  updateUser,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import type { UserCreate } from '../../packages/sdk/src/generated/types.gen.js';
import { CONSOLE_CLIENT_ID } from '../../packages/server/src/bootstrap.js';
import { randomId } from '../../packages/server/src/lib/crypto.js';
import { verifyPassword } from '../../packages/server/src/lib/passwords.js';
import { serverWithAdmin } from '../helpers/admin-server.js';
import { mintAccessToken } from '../helpers/fixtures.js';
import {
  allPages,
  expectFieldErrors,
  expectStatus,
  problemDetail,
  signIn,
} from '../helpers/management.js';
import { startServer } from '../helpers/server.js';

const env = serverWithAdmin();

const PASSWORD = 'a long and unguessable passphrase';
const unique = () =>
  randomId()
    .slice(0, 8)
    .replace(/[^a-zA-Z0-9]/g, 'x');

async function create(extra: Partial<UserCreate> = {}) {
  const body = { username: `grace-${unique()}`, password: PASSWORD, ...extra };
  return expectStatus(await createUser({ client: env.admin.api, body }), 201).data!;
}

async function allUsernames(): Promise<string[]> {
  const users = await allPages((cursor) =>
    listUsers({ client: env.admin.api, query: { limit: 100, cursor } }),
  );
  return users.map((u) => u.username);
}

/** A PAT of `userId` (created over HTTP with a token of theirs). */
async function patOf(userId: string): Promise<string> {
  const access = await mintAccessToken(
    env.server.app,
    { id: userId },
    'profile tokens:write',
    CONSOLE_CLIENT_ID,
  );
  const res = await createPersonalAccessToken({
    client: env.server.as(access),
    body: { name: `pat ${unique()}`, client_id: CONSOLE_CLIENT_ID, scope: 'profile' },
  });
  return expectStatus(res, 201).data!.token;
}

describe('creating users', () => {
  it('creates a member by default, hashes the password with argon2id and never returns it', async () => {
    const res = expectStatus(
      await createUser({
        client: env.admin.api,
        body: {
          username: `ada-${unique()}`,
          password: PASSWORD,
          email: `ada-${unique()}@example.com`,
          display_name: 'Ada Lovelace',
        },
      }),
      201,
    );
    const user = res.data!;
    expect(user).toMatchObject({ role: 'member', disabled: false, display_name: 'Ada Lovelace' });
    expect(user).not.toHaveProperty('password');
    expect(res.response.headers.get('location')).toBe(`/api/v1/users/${user.id}`);
    const record = await env.server.app.services.stores.users.get(user.id);
    expect(record!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(record!.passwordHash, PASSWORD)).toBe(true);
    const fetched = await getUser({ client: env.admin.api, path: { user_id: user.id } });
    expect(expectStatus(fetched, 200).data).toEqual(user);
  });

  it('refuses a taken username (in any letter case) or email with 409', async () => {
    const email = `taken-${unique()}@example.com`;
    const first = await create({ email });
    const before = await allUsernames();
    const dupName = await createUser({
      client: env.admin.api,
      body: { username: first.username.toUpperCase(), password: PASSWORD },
    });
    expectStatus(dupName, 409);
    const dupEmail = await createUser({
      client: env.admin.api,
      body: { username: `other-${unique()}`, password: PASSWORD, email: email.toUpperCase() },
    });
    expectStatus(dupEmail, 409);
    expect(await allUsernames()).toEqual(before);
  });

  it.each([
    ['a short password', { username: 'shortpw', password: 'short' }, ['/password']],
    ['a bad username', { username: 'a b', password: PASSWORD }, ['/username']],
    ['a bad email', { username: 'bademail', password: PASSWORD, email: 'nope' }, ['/email']],
    ['an unknown role', { username: 'badrole', password: PASSWORD, role: 'owner' }, ['/role']],
    ['a missing password', { username: 'nopw' }, ['/password']],
  ])('refuses %s with field errors and creates nothing', async (_, body, pointers) => {
    const before = await allUsernames();
    expectFieldErrors(await createUser({ client: env.admin.api, body: body as never }), pointers);
    expect(await allUsernames()).toEqual(before);
  });
});

describe('listing users', () => {
  it('filters by text, role and disabled, and pages', async () => {
    const tag = unique().toLowerCase();
    const a = await create({ username: `lister-${tag}-a`, role: 'admin' });
    const b = await create({ username: `lister-${tag}-b`, display_name: 'Bee' });
    expectStatus(
      await updateUser({
        client: env.admin.api,
        path: { user_id: b.id },
        body: { disabled: true },
      }),
      200,
    );
    const ids = async (query: Record<string, unknown>) =>
      expectStatus(
        await listUsers({ client: env.admin.api, query: { limit: 100, ...query } }),
        200,
      ).data!.data.map((u) => u.id);
    expect((await ids({ q: tag.toUpperCase() })).sort()).toEqual([a.id, b.id].sort());
    expect(await ids({ q: tag, role: 'admin' })).toEqual([a.id]);
    expect(await ids({ q: tag, disabled: true })).toEqual([b.id]);
    expect(await ids({ q: tag, disabled: false })).toEqual([a.id]);
    const first = await listUsers({ client: env.admin.api, query: { q: tag, limit: 1 } });
    expect(first.data!.data).toHaveLength(1);
    const next = await listUsers({
      client: env.admin.api,
      query: { q: tag, limit: 1, cursor: first.data!.next_cursor! },
    });
    expect(next.data!.data).toHaveLength(1);
    expect(next.data!.next_cursor).toBeNull();
    expectFieldErrors(await listUsers({ client: env.admin.api, query: { limit: 0 } }), [
      '/query/limit',
    ]);
  });
});

describe('updating users', () => {
  it('changes the given fields; null clears email and display name', async () => {
    const user = await create({ email: `x-${unique()}@example.com`, display_name: 'X' });
    const path = { user_id: user.id };
    const name = `renamed-${unique()}`;
    const res = await updateUser({
      client: env.admin.api,
      path,
      body: { username: name, email: null, display_name: null, role: 'admin' },
    });
    expect(expectStatus(res, 200).data).toMatchObject({
      username: name,
      email: null,
      display_name: null,
      role: 'admin',
    });
    expectStatus(
      await updateUser({
        client: env.admin.api,
        path: { user_id: 'nope' },
        body: { role: 'member' },
      }),
      404,
    );
    expectFieldErrors(await updateUser({ client: env.admin.api, path, body: {} }), ['']);
  });

  it('refuses a taken username or email with 409 and changes nothing', async () => {
    const email = `first-${unique()}@example.com`;
    const first = await create({ email });
    const second = await create();
    const path = { user_id: second.id };
    expectStatus(
      await updateUser({ client: env.admin.api, path, body: { username: first.username } }),
      409,
    );
    expectStatus(await updateUser({ client: env.admin.api, path, body: { email } }), 409);
    const after = await getUser({ client: env.admin.api, path });
    expect(after.data).toEqual(second);
    // Keeping one's own email is no conflict.
    expectStatus(
      await updateUser({
        client: env.admin.api,
        path: { user_id: first.id },
        body: { email, display_name: 'F' },
      }),
      200,
    );
  });

  it('disabling a user refuses their access tokens and PATs at once, even after re-enabling', async () => {
    const user = await create();
    const access = await mintAccessToken(
      env.server.app,
      { id: user.id },
      'profile',
      CONSOLE_CLIENT_ID,
    );
    const pat = await patOf(user.id);
    expectStatus(await getMe({ client: env.server.as(access) }), 200);
    expectStatus(await getMe({ client: env.server.as(pat) }), 200);
    const path = { user_id: user.id };
    const res = await updateUser({ client: env.admin.api, path, body: { disabled: true } });
    expect(expectStatus(res, 200).data!.disabled).toBe(true);
    expectStatus(await getMe({ client: env.server.as(access) }), 401);
    expectStatus(await getMe({ client: env.server.as(pat) }), 401);
    expectStatus(await updateUser({ client: env.admin.api, path, body: { disabled: false } }), 200);
    expectStatus(await getMe({ client: env.server.as(access) }), 401);
    expectStatus(await getMe({ client: env.server.as(pat) }), 401);
  });

  it('demoting a user applies to their next request', async () => {
    const other = await signIn(env.server);
    expectStatus(await listUsers({ client: other.api }), 200);
    expectStatus(
      await updateUser({
        client: env.admin.api,
        path: { user_id: other.user.id },
        body: { role: 'member' },
      }),
      200,
    );
    expectStatus(await listUsers({ client: other.api }), 403);
  });
});

describe('the last active administrator', () => {
  it('cannot be demoted, disabled or deleted; nor can you delete yourself', async () => {
    const isolated = await startServer();
    try {
      const me = await signIn(isolated);
      const { stores } = isolated.app.services;
      // Leave `me` as the only active administrator: disable the bootstrap one.
      const boot = await stores.users.getByUsername('admin');
      const path = { user_id: me.user.id };
      expectStatus(
        await updateUser({ client: me.api, path: { user_id: boot!.id }, body: { disabled: true } }),
        200,
      );
      const demote = await updateUser({ client: me.api, path, body: { role: 'member' } });
      expectStatus(demote, 409);
      expect(problemDetail(demote)).toMatch(/last active administrator/);
      expectStatus(await updateUser({ client: me.api, path, body: { disabled: true } }), 409);
      const self = await deleteUser({ client: me.api, path });
      expectStatus(self, 409);
      expect(problemDetail(self)).toMatch(/your own account/);
      expect((await stores.users.get(me.user.id))!.role).toBe('admin');
      // With a second active administrator, demotion is fine.
      expectStatus(
        await updateUser({
          client: me.api,
          path: { user_id: boot!.id },
          body: { disabled: false },
        }),
        200,
      );
      expectStatus(await updateUser({ client: me.api, path, body: { role: 'member' } }), 200);
    } finally {
      await isolated.close();
    }
  });
});

describe('deleting users', () => {
  it('removes the user and refuses their tokens at once', async () => {
    const user = await create();
    const pat = await patOf(user.id);
    expectStatus(await getMe({ client: env.server.as(pat) }), 200);
    const path = { user_id: user.id };
    expectStatus(await deleteUser({ client: env.admin.api, path }), 204);
    expectStatus(await getMe({ client: env.server.as(pat) }), 401);
    expectStatus(await getUser({ client: env.admin.api, path }), 404);
    expect(await allUsernames()).not.toContain(user.username);
    expectStatus(await deleteUser({ client: env.admin.api, path }), 404);
  });
});

describe('setting a password', () => {
  it('signs the user out of every browser session; disabling does too', async () => {
    const user = await create();
    const { stores } = env.server.app.services;
    const session = () =>
      stores.sessions.create({
        digest: randomId(),
        userId: user.id,
        csrfSecret: randomId(),
        expiresAt: new Date(Date.now() + 600_000),
      });
    const before = await session();
    const path = { user_id: user.id };
    const body = { password: 'yet another long passphrase' };
    expectStatus(await setUserPassword({ client: env.admin.api, path, body }), 204);
    expect(await stores.sessions.get(before.digest)).toBeUndefined();

    const again = await session();
    expectStatus(await updateUser({ client: env.admin.api, path, body: { disabled: true } }), 200);
    expect(await stores.sessions.get(again.digest)).toBeUndefined();
  });

  it('replaces the password hash and clears a lockout', async () => {
    const user = await create();
    const { stores } = env.server.app.services;
    await stores.users.recordFailedLogin(user.id, 1, new Date(Date.now() + 60_000));
    const path = { user_id: user.id };
    const next = 'another long unguessable passphrase';
    expectStatus(
      await setUserPassword({ client: env.admin.api, path, body: { password: next } }),
      204,
    );
    const record = await stores.users.get(user.id);
    expect(await verifyPassword(record!.passwordHash, next)).toBe(true);
    expect(await verifyPassword(record!.passwordHash, PASSWORD)).toBe(false);
    expect(record!.lockedUntil).toBeNull();
    expectFieldErrors(
      await setUserPassword({ client: env.admin.api, path, body: { password: 'short' } }),
      ['/password'],
    );
    expectStatus(
      await setUserPassword({
        client: env.admin.api,
        path: { user_id: 'nope' },
        body: { password: next },
      }),
      404,
    );
  });
});

describe('audit', () => {
  it('records created, updated, disabled, password_set and deleted, never a password', async () => {
    const user = await create();
    const path = { user_id: user.id };
    await updateUser({ client: env.admin.api, path, body: { display_name: 'Someone' } });
    await updateUser({ client: env.admin.api, path, body: { disabled: true } });
    await setUserPassword({
      client: env.admin.api,
      path,
      body: { password: 'yet another passphrase!' },
    });
    await deleteUser({ client: env.admin.api, path });
    const events = await listAuditEvents({
      client: env.admin.api,
      query: { target_type: 'user', target_id: user.id },
    });
    const types = expectStatus(events, 200).data!.data.map((e) => e.type);
    expect(types.sort()).toEqual(
      ['user.created', 'user.deleted', 'user.disabled', 'user.password_set', 'user.updated'].sort(),
    );
    const text = JSON.stringify(events.data);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('yet another passphrase!');
    expect(text).not.toContain('argon2');
  });
});
