// The scope registry, signing keys and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  getMe,
  listAuditEvents,
  listScopes,
  listSigningKeys,
  rotateSigningKeys,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import { BUILTIN_SCOPES } from '../../packages/server/src/domains/scopes/index.js';
import { expectFieldErrors, expectStatus, signIn, type Caller } from '../helpers/management.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: Caller;
let member: Caller;
beforeAll(async () => {
  server = await startServer({
    apiScopes: [
      { name: 'orders:read', description: 'Read orders' },
      { name: 'orders:write', description: 'orders:write' },
    ],
  });
  admin = await signIn(server);
  member = await signIn(server, 'member');
});
afterAll(() => server.close());

describe('scopes', () => {
  it("lists the built-in scopes and the instance's own, to any signed-in user", async () => {
    const res = expectStatus(await listScopes({ client: member.api }), 200);
    expect(res.data!.next_cursor).toBeNull();
    const byName = new Map(res.data!.data.map((s) => [s.name, s]));
    for (const builtin of BUILTIN_SCOPES) {
      expect(byName.get(builtin.name)).toEqual({
        name: builtin.name,
        description: builtin.description,
        builtin: true,
      });
    }
    expect(byName.get('orders:read')).toEqual({
      name: 'orders:read',
      description: 'Read orders',
      builtin: false,
    });
    expect(res.data!.data).toHaveLength(BUILTIN_SCOPES.length + 2);
  });

  it('lets clients be registered with the configured API scopes', async () => {
    const res = await createClient({
      client: admin.api,
      body: { client_name: 'Orders', grant_types: ['client_credentials'], scope: 'orders:read' },
    });
    expectStatus(res, 201);
  });
});

describe('signing keys', () => {
  it('lists public keys only, and rotation retires the old key while its tokens keep working', async () => {
    const before = expectStatus(await listSigningKeys({ client: admin.api }), 200).data!.data;
    const active = before.filter((k) => k.status === 'active');
    expect(active).toHaveLength(1);
    for (const key of before) {
      expect(key.public_jwk).not.toHaveProperty('d');
      expect(key.public_jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }

    const rotated = expectStatus(await rotateSigningKeys({ client: admin.api }), 201).data!;
    expect(rotated).toMatchObject({ status: 'active', alg: 'ES256', retired_at: null });
    expect(rotated.kid).not.toBe(active[0]!.kid);
    expect(rotated.public_jwk).not.toHaveProperty('d');

    const after = expectStatus(await listSigningKeys({ client: admin.api }), 200).data!.data;
    expect(after[0]!.kid).toBe(rotated.kid);
    const old = after.find((k) => k.kid === active[0]!.kid)!;
    expect(old.status).toBe('retired');
    expect(old.retired_at).toEqual(expect.any(String));
    // The administrator's token was signed by the old key: still accepted.
    expectStatus(await getMe({ client: admin.api }), 200);
    // New tokens are signed with the new key.
    const fresh = await signIn(server);
    const header = JSON.parse(Buffer.from(fresh.token.split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe(rotated.kid);

    const events = await listAuditEvents({
      client: admin.api,
      query: { type: 'signing_key.rotated', target_id: rotated.kid },
    });
    expect(expectStatus(events, 200).data!.data).toHaveLength(1);
  });

  it('pages the key list', async () => {
    await rotateSigningKeys({ client: admin.api });
    const first = expectStatus(
      await listSigningKeys({ client: admin.api, query: { limit: 1 } }),
      200,
    );
    expect(first.data!.data).toHaveLength(1);
    const second = await listSigningKeys({
      client: admin.api,
      query: { limit: 1, cursor: first.data!.next_cursor! },
    });
    expect(second.data!.data).toHaveLength(1);
    expect(second.data!.data[0]!.kid).not.toBe(first.data!.data[0]!.kid);
    expectFieldErrors(
      await listSigningKeys({ client: admin.api, query: { cursor: 'Zm9yZWlnbg' } }),
      ['/query/cursor'],
    );
  });

  it('are for administrators only', async () => {
    expectStatus(await listSigningKeys({ client: member.api }), 403);
    expectStatus(await rotateSigningKeys({ client: member.api }), 403);
  });
});

describe('audit events', () => {
  it('filter by type, actor, target and time, newest first, with pagination', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const created: string[] = [];
    for (const name of ['Audit A', 'Audit B', 'Audit C']) {
      const res = await createClient({
        client: admin.api,
        body: { client_name: name, grant_types: ['client_credentials'], scope: 'profile' },
      });
      created.push(expectStatus(res, 201).data!.client_id);
    }
    const query = { type: 'client.created', actor_id: admin.user.id, since: start };
    const all = expectStatus(
      await listAuditEvents({ client: admin.api, query: { ...query, limit: 100 } }),
      200,
    ).data!.data;
    const mine = all.filter((e) => created.includes(e.target!.id));
    expect(mine.map((e) => e.target!.id)).toEqual([...created].reverse());
    expect(mine[0]).toMatchObject({
      type: 'client.created',
      actor: { type: 'user', id: admin.user.id, name: admin.user.username },
      target: { type: 'client', id: created[2] },
      details: { client_name: 'Audit C' },
    });

    const page1 = await listAuditEvents({ client: admin.api, query: { ...query, limit: 2 } });
    const page2 = await listAuditEvents({
      client: admin.api,
      query: { ...query, limit: 2, cursor: page1.data!.next_cursor! },
    });
    const paged = [...page1.data!.data, ...page2.data!.data].map((e) => e.id);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.slice(0, all.length)).toEqual(all.map((e) => e.id).slice(0, paged.length));

    const byTarget = await listAuditEvents({
      client: admin.api,
      query: { target_type: 'client', target_id: created[1] },
    });
    expect(byTarget.data!.data.map((e) => e.type)).toEqual(['client.created']);
    const future = await listAuditEvents({
      client: admin.api,
      query: { since: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(future.data!.data).toEqual([]);
    const past = await listAuditEvents({ client: admin.api, query: { ...query, until: start } });
    expect(past.data!.data.filter((e) => created.includes(e.target!.id))).toEqual([]);
  });

  it('refuses bad filters with field errors', async () => {
    expectFieldErrors(await listAuditEvents({ client: admin.api, query: { type: 'Not A Type' } }), [
      '/query/type',
    ]);
    expectFieldErrors(await listAuditEvents({ client: admin.api, query: { since: 'yesterday' } }), [
      '/query/since',
    ]);
  });

  it('are for administrators only', async () => {
    expectStatus(await listAuditEvents({ client: member.api }), 403);
  });
});
