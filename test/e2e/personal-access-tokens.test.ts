// Personal access tokens: users create them for a client that allows them, use them as bearer
// tokens, rotate and revoke them; administrators find and clean up old and unused ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminBulkRevokePersonalAccessTokens,
  adminListPersonalAccessTokens,
  adminRevokePersonalAccessToken,
  createPersonalAccessToken,
  getMe,
  getPersonalAccessToken,
  listAuditEvents,
  listClients,
  listMyPersonalAccessTokens,
  revokePersonalAccessToken,
  rotatePersonalAccessToken,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import type { PersonalAccessTokenCreate } from '../../packages/sdk/src/generated/types.gen.js';
import { CONSOLE_CLIENT_ID } from '../../packages/server/src/bootstrap.js';
import { hasValidChecksum, sha256 } from '../../packages/server/src/lib/crypto.js';
import { createClient } from '../helpers/fixtures.js';
import { expectFieldErrors, expectStatus, signIn, type Caller } from '../helpers/management.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: Caller;
let member: Caller;
let other: Caller;
beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server);
  member = await signIn(server, 'member');
  other = await signIn(server, 'member');
});
afterAll(() => server.close());

let names = 0;
const body = (extra: Partial<PersonalAccessTokenCreate> = {}): PersonalAccessTokenCreate => ({
  name: `token ${++names}`,
  client_id: CONSOLE_CLIENT_ID,
  scope: 'profile tokens:read',
  ...extra,
});

async function create(caller: Caller, extra: Partial<PersonalAccessTokenCreate> = {}) {
  const res = await createPersonalAccessToken({ client: caller.api, body: body(extra) });
  return expectStatus(res, 201).data!;
}

async function myTokenIds(caller: Caller): Promise<string[]> {
  const res = await listMyPersonalAccessTokens({ client: caller.api, query: { limit: 100 } });
  return expectStatus(res, 200).data!.data.map((t) => t.id);
}

describe('creating a personal access token', () => {
  it('shows the token once, in the lk_pat_ format with a checksum, stored as a digest', async () => {
    const res = expectStatus(
      await createPersonalAccessToken({ client: member.api, body: body({ name: 'CI deploy' }) }),
      201,
    );
    const pat = res.data!;
    expect(hasValidChecksum(pat.token, 'lk_pat_')).toBe(true);
    expect(pat).toMatchObject({
      name: 'CI deploy',
      user_id: member.user.id,
      client_id: CONSOLE_CLIENT_ID,
      scope: 'profile tokens:read',
      expires_at: null,
      last_used_at: null,
      token_hint: `lk_pat_…${pat.token.slice(-4)}`,
    });
    expect(res.response.headers.get('location')).toBe(
      `/api/v1/me/personal-access-tokens/${pat.id}`,
    );
    const fetched = await getPersonalAccessToken({
      client: member.api,
      path: { token_id: pat.id },
    });
    expect(expectStatus(fetched, 200).data).not.toHaveProperty('token');
    const listed = await listMyPersonalAccessTokens({ client: member.api });
    expect(JSON.stringify(listed.data)).not.toContain(pat.token);
    const record = await server.app.services.stores.personalAccessTokens.get(pat.id);
    expect(record!.digest).toBe(sha256(pat.token));
  });

  it('authenticates API calls, and records last use', async () => {
    const pat = await create(member);
    const me = expectStatus(await getMe({ client: server.as(pat.token) }), 200);
    expect(me.data!.id).toBe(member.user.id);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the write is not on the request path
    const fetched = await getPersonalAccessToken({
      client: server.as(pat.token),
      path: { token_id: pat.id },
    });
    const lastUsed = Date.parse(expectStatus(fetched, 200).data!.last_used_at!);
    expect(Date.now() - lastUsed).toBeLessThan(10_000);
  });

  it('acts only within its own scopes', async () => {
    const pat = await create(member, { scope: 'profile' });
    expectStatus(await listMyPersonalAccessTokens({ client: server.as(pat.token) }), 403);
  });

  const client = async (input: Parameters<typeof createClient>[1]) =>
    (await createClient(server.app, input)).client.clientId;

  it('refuses a client that does not allow personal access tokens, or no client at all', async () => {
    const closed = await client({ personalAccessTokensEnabled: false });
    const before = await myTokenIds(member);
    expectFieldErrors(
      await createPersonalAccessToken({ client: member.api, body: body({ client_id: closed }) }),
      ['/client_id'],
    );
    expectFieldErrors(
      await createPersonalAccessToken({ client: member.api, body: body({ client_id: 'nope' }) }),
      ['/client_id'],
    );
    expect(await myTokenIds(member)).toEqual(before);
  });

  it('refuses scopes beyond the client, the role, the registry or the calling token', async () => {
    const narrow = await client({ personalAccessTokensEnabled: true, scope: 'profile' });
    const before = await myTokenIds(member);
    const refused: [PersonalAccessTokenCreate, string][] = [
      [body({ client_id: narrow, scope: 'profile tokens:read' }), 'not allowed for this client'],
      [body({ scope: 'clients:read' }), 'not allowed for the member role'],
      [body({ scope: 'weather:read' }), 'unknown scope'],
      [body({ scope: '' }), 'at least one scope'],
    ];
    for (const [input, detail] of refused) {
      const res = await createPersonalAccessToken({ client: member.api, body: input });
      expectFieldErrors(res, ['/scope']);
      expect(JSON.stringify(res.error)).toContain(detail);
    }
    // A token with tokens:write but not profile cannot mint a PAT that has profile.
    const writer = await create(member, { scope: 'tokens:write' });
    const res = await createPersonalAccessToken({
      client: server.as(writer.token),
      body: body({ scope: 'profile' }),
    });
    expectFieldErrors(res, ['/scope']);
    expect(await myTokenIds(member)).toEqual([...before, writer.id]);
  });

  it('lets an administrator hold administrative scopes', async () => {
    const pat = await create(admin, { scope: 'clients:read' });
    expectStatus(await listClients({ client: server.as(pat.token) }), 200);
  });

  it('refuses an expiry in the past and a duplicate name', async () => {
    expectFieldErrors(
      await createPersonalAccessToken({
        client: member.api,
        body: body({ expires_at: new Date(Date.now() - 1000).toISOString() }),
      }),
      ['/expires_at'],
    );
    expectFieldErrors(
      await createPersonalAccessToken({
        client: member.api,
        body: body({ expires_at: 'tomorrow' }),
      }),
      ['/expires_at'],
    );
    const first = await create(member, { name: 'nightly backup' });
    const dup = await createPersonalAccessToken({
      client: member.api,
      body: body({ name: 'nightly backup' }),
    });
    expectStatus(dup, 409);
    // Another user may use the same name.
    await create(other, { name: 'nightly backup' });
    expect(first.name).toBe('nightly backup');
  });

  it('keeps a chosen expiry', async () => {
    const at = new Date(Date.now() + 7 * 86_400_000);
    const pat = await create(member, { expires_at: at.toISOString() });
    expect(Date.parse(pat.expires_at!)).toBe(at.getTime());
  });
});

describe('the maximum-lifetime policy', () => {
  it('caps the expiry, and gives tokens without one the maximum', async () => {
    const policed = await startServer({ patMaxLifetimeDays: 30 });
    try {
      const caller = await signIn(policed, 'member');
      const day = 86_400_000;
      const tooLate = await createPersonalAccessToken({
        client: caller.api,
        body: body({ expires_at: new Date(Date.now() + 31 * day).toISOString() }),
      });
      expectFieldErrors(tooLate, ['/expires_at']);
      const res = await createPersonalAccessToken({ client: caller.api, body: body() });
      const expires = Date.parse(expectStatus(res, 201).data!.expires_at!);
      expect(Math.abs(expires - (Date.now() + 30 * day))).toBeLessThan(60_000);
    } finally {
      await policed.close();
    }
  });
});

describe("a user's own tokens", () => {
  it("are the only ones listed, and someone else's are not found", async () => {
    const mine = await create(member);
    const theirs = await create(other);
    expect(await myTokenIds(member)).toContain(mine.id);
    expect(await myTokenIds(member)).not.toContain(theirs.id);
    const path = { token_id: theirs.id };
    expectStatus(await getPersonalAccessToken({ client: member.api, path }), 404);
    expectStatus(await revokePersonalAccessToken({ client: member.api, path }), 404);
    expectStatus(await rotatePersonalAccessToken({ client: member.api, path }), 404);
    // Not even an administrator sees another user's token through /me.
    expectStatus(await getPersonalAccessToken({ client: admin.api, path }), 404);
    expectStatus(await getMe({ client: server.as(theirs.token) }), 200);
  });

  it('stop working the moment they are revoked', async () => {
    const pat = await create(member);
    const api = server.as(pat.token);
    expectStatus(await getMe({ client: api }), 200);
    expectStatus(
      await revokePersonalAccessToken({ client: member.api, path: { token_id: pat.id } }),
      204,
    );
    expectStatus(await getMe({ client: api }), 401);
    expect(await myTokenIds(member)).not.toContain(pat.id);
    expectStatus(
      await revokePersonalAccessToken({ client: member.api, path: { token_id: pat.id } }),
      404,
    );
  });

  it('rotate: the new secret works, the old one stops at once, name, scope and expiry stay', async () => {
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const pat = await create(member, { name: 'rotating', expires_at: expires });
    expectStatus(await getMe({ client: server.as(pat.token) }), 200);
    const res = await rotatePersonalAccessToken({
      client: member.api,
      path: { token_id: pat.id },
    });
    const rotated = expectStatus(res, 200).data!;
    expect(rotated.token).not.toBe(pat.token);
    expect(rotated).toMatchObject({ name: 'rotating', scope: pat.scope, expires_at: expires });
    expectStatus(await getMe({ client: server.as(pat.token) }), 401);
    expectStatus(await getMe({ client: server.as(rotated.token) }), 200);
    const ids = await myTokenIds(member);
    expect(ids).toContain(rotated.id);
    expect(ids).not.toContain(pat.id);
  });

  it('cannot be rotated by a credential weaker than the token', async () => {
    const strong = await create(member, { scope: 'profile tokens:read tokens:write' });
    const weak = await create(member, { scope: 'tokens:write' });
    const res = await rotatePersonalAccessToken({
      client: server.as(weak.token),
      path: { token_id: strong.id },
    });
    expectStatus(res, 403);
    expectStatus(await getMe({ client: server.as(strong.token) }), 200);
  });
});

describe('administrators', () => {
  it('list every user’s tokens with clean-up filters', async () => {
    const { stores } = server.app.services;
    const used = await create(member);
    const stale = await create(member);
    const fresh = await create(other, {
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await stores.personalAccessTokens.touch(used.id, new Date());
    await stores.personalAccessTokens.touch(stale.id, new Date(Date.now() - 90 * 86_400_000));
    const list = async (query: Record<string, unknown>) => {
      const res = await adminListPersonalAccessTokens({
        client: admin.api,
        query: { limit: 100, ...query },
      });
      return expectStatus(res, 200).data!.data.map((t) => t.id);
    };

    const members = await list({ user_id: member.user.id });
    expect(members).toEqual(expect.arrayContaining([used.id, stale.id]));
    expect(members).not.toContain(fresh.id);

    const unused = await list({
      unused_since: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    });
    expect(unused).toEqual(expect.arrayContaining([stale.id, fresh.id]));
    expect(unused).not.toContain(used.id);

    const never = await list({ never_used: true });
    expect(never).toContain(fresh.id);
    expect(never).not.toContain(stale.id);
    const ever = await list({ never_used: false });
    expect(ever).toEqual(expect.arrayContaining([used.id, stale.id]));
    expect(ever).not.toContain(fresh.id);

    const expiring = await list({
      expiring_before: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(expiring).toContain(fresh.id);
    expect(expiring).not.toContain(used.id);

    expect(await list({ client_id: 'no-such-client' })).toEqual([]);
    expectFieldErrors(
      await adminListPersonalAccessTokens({ client: admin.api, query: { unused_since: 'soon' } }),
      ['/query/unused_since'],
    );
  });

  it('revoke any token, one at a time or in bulk', async () => {
    const one = await create(member);
    const two = await create(other);
    const three = await create(other);
    expectStatus(
      await adminRevokePersonalAccessToken({ client: admin.api, path: { token_id: one.id } }),
      204,
    );
    expectStatus(await getMe({ client: server.as(one.token) }), 401);
    expectStatus(
      await adminRevokePersonalAccessToken({ client: admin.api, path: { token_id: one.id } }),
      404,
    );

    const bulk = await adminBulkRevokePersonalAccessTokens({
      client: admin.api,
      body: { token_ids: [one.id, two.id, three.id, 'unknown'] },
    });
    expect(expectStatus(bulk, 200).data).toEqual({ revoked: 2 });
    expectStatus(await getMe({ client: server.as(two.token) }), 401);
    expectStatus(await getMe({ client: server.as(three.token) }), 401);
    expectFieldErrors(
      await adminBulkRevokePersonalAccessTokens({ client: admin.api, body: { token_ids: [] } }),
      ['/token_ids'],
    );

    const events = await listAuditEvents({
      client: admin.api,
      query: { type: 'pat.revoked', actor_id: admin.user.id, limit: 100 },
    });
    const targets = expectStatus(events, 200).data!.data.map((e) => e.target?.id);
    expect(targets).toEqual(expect.arrayContaining([one.id, two.id, three.id]));
  });

  it('are the only ones who may list or revoke across users', async () => {
    expectStatus(await adminListPersonalAccessTokens({ client: member.api }), 403);
    const theirs = await create(other);
    expectStatus(
      await adminRevokePersonalAccessToken({ client: member.api, path: { token_id: theirs.id } }),
      403,
    );
    expectStatus(
      await adminBulkRevokePersonalAccessTokens({
        client: member.api,
        body: { token_ids: [theirs.id] },
      }),
      403,
    );
    expectStatus(await getMe({ client: server.as(theirs.token) }), 200);
  });
});

describe('audit', () => {
  it('records creation, rotation and revocation without the secret', async () => {
    const pat = await create(member, { name: 'audited' });
    const rotated = await rotatePersonalAccessToken({
      client: member.api,
      path: { token_id: pat.id },
    });
    const newId = expectStatus(rotated, 200).data!.id;
    await revokePersonalAccessToken({ client: member.api, path: { token_id: newId } });
    const events = await listAuditEvents({
      client: admin.api,
      query: { target_type: 'personal_access_token', actor_id: member.user.id, limit: 100 },
    });
    const mine = events.data!.data.filter((e) => [pat.id, newId].includes(e.target!.id));
    expect(mine.map((e) => `${e.type} ${e.target!.id === pat.id ? 'old' : 'new'}`).sort()).toEqual([
      'pat.created old',
      'pat.revoked new',
      'pat.rotated old',
    ]);
    const text = JSON.stringify(events.data);
    expect(text).not.toContain(pat.token);
    expect(text).not.toContain(rotated.data!.token);
  });
});
