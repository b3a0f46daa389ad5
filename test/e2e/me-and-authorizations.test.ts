// The caller's own profile and password, and the applications they granted access to.
import { describe, expect, it } from 'vitest';
import {
  changeMyPassword,
  getMe,
  listAuditEvents,
  listMyAuthorizations,
  revokeMyAuthorization,
  updateMe,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import { randomId } from '../../packages/server/src/lib/crypto.js';
import { verifyPassword } from '../../packages/server/src/lib/passwords.js';
import { serverWithAdmin } from '../helpers/admin-server.js';
import { createClient, mintAccessToken, PASSWORD } from '../helpers/fixtures.js';
import { expectFieldErrors, expectStatus, signIn } from '../helpers/management.js';

const env = serverWithAdmin();

describe('my profile', () => {
  it('is the user the token was issued to', async () => {
    const me = await signIn(env.server, 'member');
    const res = expectStatus(await getMe({ client: me.api }), 200);
    expect(res.data).toMatchObject({ id: me.user.id, username: me.user.username, role: 'member' });
    expect(res.data).not.toHaveProperty('password_hash');
  });

  it('updates email and display name; null clears; a taken email is a conflict', async () => {
    const me = await signIn(env.server, 'member');
    const email = `me-${randomId().slice(0, 6)}@example.com`.toLowerCase();
    const res = await updateMe({ client: me.api, body: { email, display_name: 'Ada King' } });
    expect(expectStatus(res, 200).data).toMatchObject({ email, display_name: 'Ada King' });
    expect((await getMe({ client: me.api })).data).toMatchObject({ display_name: 'Ada King' });

    const other = await signIn(env.server, 'member');
    expectStatus(await updateMe({ client: other.api, body: { email: email.toUpperCase() } }), 409);
    expect((await getMe({ client: other.api })).data!.email).toBeNull();

    const cleared = await updateMe({ client: me.api, body: { display_name: null } });
    expect(expectStatus(cleared, 200).data!.display_name).toBeNull();
  });

  it('refuses fields a member may not change, and empty updates', async () => {
    const me = await signIn(env.server, 'member');
    expectFieldErrors(await updateMe({ client: me.api, body: { role: 'admin' } as never }), [
      '/role',
    ]);
    expectFieldErrors(await updateMe({ client: me.api, body: {} }), ['']);
    expectFieldErrors(await updateMe({ client: me.api, body: { email: 'not-an-email' } }), [
      '/email',
    ]);
    expect((await getMe({ client: me.api })).data!.role).toBe('member');
  });
});

describe('changing my password', () => {
  const NEXT = 'a brand new long passphrase';

  it('checks the current password first', async () => {
    const me = await signIn(env.server, 'member');
    const wrong = await changeMyPassword({
      client: me.api,
      body: { current_password: 'not my password', new_password: NEXT },
    });
    expectFieldErrors(wrong, ['/current_password']);
    const unchanged = await env.server.app.services.stores.users.get(me.user.id);
    expect(await verifyPassword(unchanged!.passwordHash, PASSWORD)).toBe(true);

    expectStatus(
      await changeMyPassword({
        client: me.api,
        body: { current_password: PASSWORD, new_password: NEXT },
      }),
      204,
    );
    const changed = await env.server.app.services.stores.users.get(me.user.id);
    expect(await verifyPassword(changed!.passwordHash, NEXT)).toBe(true);
    expect(await verifyPassword(changed!.passwordHash, PASSWORD)).toBe(false);
    expectFieldErrors(
      await changeMyPassword({
        client: me.api,
        body: { current_password: NEXT, new_password: 'short' },
      }),
      ['/new_password'],
    );
  });

  it('rate limits repeated wrong attempts (429 with Retry-After)', async () => {
    const me = await signIn(env.server, 'member');
    const attempt = (current: string) =>
      changeMyPassword({ client: me.api, body: { current_password: current, new_password: NEXT } });
    for (let i = 0; i < 5; i++) expectStatus(await attempt(`wrong ${i}`), 400);
    const limited = expectStatus(await attempt(PASSWORD), 429);
    expect(Number(limited.response!.headers.get('retry-after'))).toBeGreaterThan(0);
    const record = await env.server.app.services.stores.users.get(me.user.id);
    expect(await verifyPassword(record!.passwordHash, PASSWORD)).toBe(true);
  });

  it('is audited without either password', async () => {
    const me = await signIn(env.server, 'member');
    await changeMyPassword({
      client: me.api,
      body: { current_password: PASSWORD, new_password: NEXT },
    });
    const events = await listAuditEvents({
      client: env.admin.api,
      query: { type: 'user.password_set', target_id: me.user.id },
    });
    expect(expectStatus(events, 200).data!.data).toHaveLength(1);
    expect(events.data!.data[0]!.actor.id).toBe(me.user.id);
    expect(JSON.stringify(events.data)).not.toContain(NEXT);
  });
});

describe('my authorizations', () => {
  async function authorize(userId: string, clientName: string, scope = 'profile') {
    const { client } = await createClient(env.server.app, {
      clientName,
      scope: 'profile tokens:read',
    });
    await env.server.app.services.stores.consents.upsert(userId, client.clientId, scope);
    const token = await mintAccessToken(env.server.app, { id: userId }, scope, client.clientId);
    return { clientId: client.clientId, token };
  }

  it('lists the applications I granted access to, with their names and scopes', async () => {
    const me = await signIn(env.server, 'member');
    const other = await signIn(env.server, 'member');
    const mine = await authorize(me.user.id, 'Acme Desktop', 'profile tokens:read');
    await authorize(other.user.id, 'Not Mine');
    const res = expectStatus(await listMyAuthorizations({ client: me.api }), 200);
    expect(res.data!.data).toEqual([
      expect.objectContaining({
        client_id: mine.clientId,
        client_name: 'Acme Desktop',
        scope: 'profile tokens:read',
      }),
    ]);
    expect(res.data!.next_cursor).toBeNull();
  });

  it('revoking one withdraws the consent and refuses its tokens at once, and only its own', async () => {
    const me = await signIn(env.server, 'member');
    const revoked = await authorize(me.user.id, 'Revoked App');
    const kept = await authorize(me.user.id, 'Kept App');
    expectStatus(await getMe({ client: env.server.as(revoked.token) }), 200);
    expectStatus(
      await revokeMyAuthorization({ client: me.api, path: { client_id: revoked.clientId } }),
      204,
    );
    expectStatus(await getMe({ client: env.server.as(revoked.token) }), 401);
    expectStatus(await getMe({ client: env.server.as(kept.token) }), 200);
    const list = await listMyAuthorizations({ client: me.api });
    expect(list.data!.data.map((a) => a.client_name)).toEqual(['Kept App']);
    expectStatus(
      await revokeMyAuthorization({ client: me.api, path: { client_id: revoked.clientId } }),
      404,
    );
    const events = await listAuditEvents({
      client: env.admin.api,
      query: { type: 'authorization.revoked', actor_id: me.user.id },
    });
    expect(events.data!.data.map((e) => e.target)).toEqual([
      { type: 'client', id: revoked.clientId },
    ]);
  });

  it("cannot touch someone else's authorization", async () => {
    const me = await signIn(env.server, 'member');
    const other = await signIn(env.server, 'member');
    const theirs = await authorize(other.user.id, 'Their App');
    expectStatus(
      await revokeMyAuthorization({ client: me.api, path: { client_id: theirs.clientId } }),
      404,
    );
    expectStatus(await getMe({ client: env.server.as(theirs.token) }), 200);
    expect((await listMyAuthorizations({ client: other.api })).data!.data).toHaveLength(1);
  });

  it('pages with a cursor', async () => {
    const me = await signIn(env.server, 'member');
    await authorize(me.user.id, 'First');
    await authorize(me.user.id, 'Second');
    const first = await listMyAuthorizations({ client: me.api, query: { limit: 1 } });
    expect(first.data!.data).toHaveLength(1);
    const second = await listMyAuthorizations({
      client: me.api,
      query: { limit: 1, cursor: first.data!.next_cursor! },
    });
    expect(second.data!.data).toHaveLength(1);
    expect(second.data!.data[0]!.client_id).not.toBe(first.data!.data[0]!.client_id);
  });
});
