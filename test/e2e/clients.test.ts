// Client applications, as an administrator manages them through the SDK.
import { describe, expect, it } from 'vitest';
import {
  createClient,
  createPersonalAccessToken,
  deleteClient,
  getClient,
  getMe,
  listAuditEvents,
  listClients,
  listMyPersonalAccessTokens,
  revokeClientTokens,
  rotateClientSecret,
  token as tokenEndpoint,
  updateClient,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import type { ClientCreate } from '../../packages/sdk/src/generated/types.gen.js';
import { clientSecretMatches } from '../../packages/server/src/domains/clients/index.js';
import { randomId, sha256 } from '../../packages/server/src/lib/crypto.js';
import { serverWithAdmin } from '../helpers/admin-server.js';
import { createUser, mintAccessToken } from '../helpers/fixtures.js';
import {
  allPages,
  expectFieldErrors,
  expectStatus,
  MEMBER_SCOPES,
  signIn,
} from '../helpers/management.js';
import { startServer } from '../helpers/server.js';

const env = serverWithAdmin();

const WEB_APP: ClientCreate = {
  client_name: 'Acme Web',
  redirect_uris: ['https://app.example.com/callback'],
  scope: 'profile tokens:read tokens:write',
};

async function create(body: ClientCreate = WEB_APP) {
  return expectStatus(await createClient({ client: env.admin.api, body }), 201).data!;
}

async function allClientIds(): Promise<string[]> {
  const clients = await allPages((cursor) =>
    listClients({ client: env.admin.api, query: { limit: 100, cursor } }),
  );
  return clients.map((c) => c.client_id);
}

describe('creating a client', () => {
  it('returns a confidential client with its secret once, and never again', async () => {
    const res = expectStatus(await createClient({ client: env.admin.api, body: WEB_APP }), 201);
    const created = res.data!;
    expect(created.client_secret).toMatch(/^lk_cs_[A-Za-z0-9_-]{43}$/);
    expect(created.client_secret_hint).toBe(created.client_secret!.slice(-4));
    expect(created).toMatchObject({
      client_name: 'Acme Web',
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_basic',
      personal_access_tokens_enabled: false,
      skip_consent: false,
      description: null,
      access_token_lifetime: null,
    });
    expect(res.response.headers.get('location')).toBe(`/api/v1/clients/${created.client_id}`);

    const fetched = expectStatus(
      await getClient({ client: env.admin.api, path: { client_id: created.client_id } }),
      200,
    );
    expect(fetched.data).not.toHaveProperty('client_secret');
    expect(fetched.data!.client_secret_hint).toBe(created.client_secret_hint);
    const listed = await listClients({ client: env.admin.api, query: { limit: 100 } });
    expect(JSON.stringify(listed.data)).not.toContain(created.client_secret);
    // Stored as a digest only.
    const record = await env.server.app.services.stores.clients.get(created.client_id);
    expect(record!.secretDigest).toBe(sha256(created.client_secret!));
  });

  it('gives a public client no secret', async () => {
    const created = await create({ ...WEB_APP, token_endpoint_auth_method: 'none' });
    expect(created.client_secret).toBeNull();
    expect(created.client_secret_hint).toBeNull();
  });

  it('accepts loopback http redirect URIs on any port (RFC 8252)', async () => {
    const created = await create({
      ...WEB_APP,
      redirect_uris: [
        'http://127.0.0.1:53123/callback',
        'http://[::1]:8080/cb',
        'http://localhost/cb',
      ],
    });
    expect(created.redirect_uris).toHaveLength(3);
  });

  it('accepts a client without user flows when it only serves personal access tokens', async () => {
    const created = await create({
      client_name: 'CLI',
      grant_types: [],
      personal_access_tokens_enabled: true,
      scope: 'profile',
    });
    expect(created.grant_types).toEqual([]);
  });

  const invalid: [string, ClientCreate, string[]][] = [
    [
      'authorization_code without redirect URIs',
      { client_name: 'x', scope: 'profile' },
      ['/redirect_uris'],
    ],
    [
      'an http redirect URI on a public host',
      { ...WEB_APP, redirect_uris: ['http://app.example.com/cb'] },
      ['/redirect_uris/0'],
    ],
    [
      'a redirect URI with a fragment',
      { ...WEB_APP, redirect_uris: ['https://ok.example/cb', 'https://app.example.com/cb#x'] },
      ['/redirect_uris/1'],
    ],
    [
      'a custom-scheme redirect URI',
      { ...WEB_APP, redirect_uris: ['com.example.app:/callback'] },
      ['/redirect_uris/0'],
    ],
    [
      'refresh_token without a user grant',
      { ...WEB_APP, grant_types: ['client_credentials', 'refresh_token'] },
      ['/grant_types/1'],
    ],
    [
      'a public client with the password grant',
      { ...WEB_APP, token_endpoint_auth_method: 'none', grant_types: ['password'] },
      ['/grant_types/0'],
    ],
    [
      'a public client with client credentials',
      {
        ...WEB_APP,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'client_credentials'],
      },
      ['/grant_types/1'],
    ],
    ['an unknown scope', { ...WEB_APP, scope: 'profile weather:read' }, ['/scope']],
    ['a missing client_name', { redirect_uris: [] } as never, ['/client_name']],
    [
      'an unknown grant type',
      { ...WEB_APP, grant_types: ['implicit'] } as never,
      ['/grant_types/0'],
    ],
    ['an unknown field', { ...WEB_APP, client_secret: 'mine' } as never, ['/client_secret']],
    [
      'a too short access-token lifetime',
      { ...WEB_APP, access_token_lifetime: 5 },
      ['/access_token_lifetime'],
    ],
  ];
  it.each(invalid)(
    'refuses %s with field errors and creates nothing',
    async (_, body, pointers) => {
      const before = await allClientIds();
      expectFieldErrors(await createClient({ client: env.admin.api, body }), pointers);
      expect(await allClientIds()).toEqual(before);
    },
  );

  it('allows http redirect URIs on any host in development mode', async () => {
    const dev = await startServer({ devMode: true });
    try {
      const caller = await signIn(dev);
      const res = await createClient({
        client: caller.api,
        body: { ...WEB_APP, redirect_uris: ['http://dev.internal:3000/cb'] },
      });
      expectStatus(res, 201);
    } finally {
      await dev.close();
    }
  });
});

describe('listing clients', () => {
  it('filters by name (case-insensitive) and grant type, and pages with a cursor', async () => {
    const tag = randomId().slice(0, 6).toLowerCase();
    const a = await create({ ...WEB_APP, client_name: `Alpha ${tag}` });
    const b = await create({
      client_name: `BETA ${tag}`,
      grant_types: ['client_credentials'],
      scope: 'profile',
    });
    const byName = await listClients({ client: env.admin.api, query: { name: tag.toUpperCase() } });
    expect(byName.data!.data.map((c) => c.client_id).sort()).toEqual(
      [a.client_id, b.client_id].sort(),
    );
    const machines = await listClients({
      client: env.admin.api,
      query: { name: tag, grant_type: 'client_credentials' },
    });
    expect(machines.data!.data.map((c) => c.client_id)).toEqual([b.client_id]);

    const first = expectStatus(
      await listClients({ client: env.admin.api, query: { name: tag, limit: 1 } }),
      200,
    );
    expect(first.data!.data).toHaveLength(1);
    expect(first.data!.next_cursor).toEqual(expect.any(String));
    const second = await listClients({
      client: env.admin.api,
      query: { name: tag, limit: 1, cursor: first.data!.next_cursor! },
    });
    expect(second.data!.data).toHaveLength(1);
    expect(second.data!.data[0]!.client_id).not.toBe(first.data!.data[0]!.client_id);
    expect(second.data!.next_cursor).toBeNull();
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await listClients({ client: env.admin.api, query: { cursor: 'bm90LWEtY3Vyc29y' } });
    expectFieldErrors(res, ['/query/cursor']);
  });
});

describe('updating a client', () => {
  it('changes only the given fields, and null resets to the server default', async () => {
    const created = await create({ ...WEB_APP, access_token_lifetime: 900 });
    const res = expectStatus(
      await updateClient({
        client: env.admin.api,
        path: { client_id: created.client_id },
        body: { client_name: 'Renamed', access_token_lifetime: null, skip_consent: true },
      }),
      200,
    );
    expect(res.data).toMatchObject({
      client_name: 'Renamed',
      access_token_lifetime: null,
      skip_consent: true,
      redirect_uris: WEB_APP.redirect_uris,
      client_secret_hint: created.client_secret_hint,
    });
    expect(res.data).not.toHaveProperty('client_secret');
  });

  it('checks the merged configuration and changes nothing when it is invalid', async () => {
    const created = await create({ ...WEB_APP, token_endpoint_auth_method: 'none' });
    const path = { client_id: created.client_id };
    expectFieldErrors(
      await updateClient({ client: env.admin.api, path, body: { grant_types: ['password'] } }),
      ['/grant_types/0'],
    );
    expectFieldErrors(
      await updateClient({ client: env.admin.api, path, body: { redirect_uris: [] } }),
      ['/redirect_uris'],
    );
    expectFieldErrors(await updateClient({ client: env.admin.api, path, body: {} }), ['']);
    const after = await getClient({ client: env.admin.api, path });
    expect(after.data).toEqual(
      expect.objectContaining({
        grant_types: created.grant_types,
        redirect_uris: created.redirect_uris,
      }),
    );
  });

  it('drops the secret of a client made public', async () => {
    const created = await create();
    const res = await updateClient({
      client: env.admin.api,
      path: { client_id: created.client_id },
      body: { token_endpoint_auth_method: 'none' },
    });
    expect(expectStatus(res, 200).data!.client_secret_hint).toBeNull();
    const record = await env.server.app.services.stores.clients.get(created.client_id);
    expect(clientSecretMatches(record!, created.client_secret!)).toBe(false);
  });

  it('starts a client made confidential without a secret until it is rotated', async () => {
    const created = await create({ ...WEB_APP, token_endpoint_auth_method: 'none' });
    const path = { client_id: created.client_id };
    const res = await updateClient({
      client: env.admin.api,
      path,
      body: { token_endpoint_auth_method: 'client_secret_post' },
    });
    expect(expectStatus(res, 200).data!.client_secret_hint).toBeNull();
    const rotated = expectStatus(await rotateClientSecret({ client: env.admin.api, path }), 200);
    const record = await env.server.app.services.stores.clients.get(created.client_id);
    expect(clientSecretMatches(record!, rotated.data!.client_secret)).toBe(true);
  });

  it('revokes the tokens that depended on a removed scope or on personal access tokens', async () => {
    const created = await create({ ...WEB_APP, personal_access_tokens_enabled: true });
    const path = { client_id: created.client_id };
    const member = await createUser(env.server.app);
    const access = await mintAccessToken(env.server.app, member, MEMBER_SCOPES, created.client_id);
    const memberApi = env.server.as(access);
    const pat = expectStatus(
      await createPersonalAccessToken({
        client: memberApi,
        body: { name: 'script', client_id: created.client_id, scope: 'tokens:read' },
      }),
      201,
    ).data!.token;
    const writerPat = expectStatus(
      await createPersonalAccessToken({
        client: memberApi,
        body: { name: 'writer', client_id: created.client_id, scope: 'tokens:write' },
      }),
      201,
    ).data!.token;
    const profilePat = expectStatus(
      await createPersonalAccessToken({
        client: memberApi,
        body: { name: 'profile', client_id: created.client_id, scope: 'profile' },
      }),
      201,
    ).data!.token;

    // Removing tokens:write revokes the client's grants (so the access token) and the PAT
    // that carries it; a PAT with only kept scopes survives.
    expectStatus(
      await updateClient({ client: env.admin.api, path, body: { scope: 'profile tokens:read' } }),
      200,
    );
    expectStatus(await getMe({ client: memberApi }), 401);
    expectStatus(await getMe({ client: env.server.as(profilePat) }), 200);
    expectStatus(await listMyPersonalAccessTokens({ client: env.server.as(pat) }), 200);
    expectStatus(await listMyPersonalAccessTokens({ client: env.server.as(writerPat) }), 401);

    // Turning personal access tokens off revokes them all.
    expectStatus(
      await updateClient({
        client: env.admin.api,
        path,
        body: { personal_access_tokens_enabled: false },
      }),
      200,
    );
    expectStatus(
      await updateClient({
        client: env.admin.api,
        path,
        body: { personal_access_tokens_enabled: true },
      }),
      200,
    );
    expectStatus(await getMe({ client: env.server.as(profilePat) }), 401);
  });

  it('answers 404 for an unknown client', async () => {
    const res = await updateClient({
      client: env.admin.api,
      path: { client_id: 'nope' },
      body: { client_name: 'x' },
    });
    expectStatus(res, 404);
  });
});

describe('rotating a client secret', () => {
  it('returns a new secret once; without a grace period the old one stops at once', async () => {
    const created = await create();
    const res = expectStatus(
      await rotateClientSecret({ client: env.admin.api, path: { client_id: created.client_id } }),
      200,
    );
    const rotated = res.data!;
    expect(rotated.client_secret).toMatch(/^lk_cs_/);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    expect(rotated.client_secret_hint).toBe(rotated.client_secret.slice(-4));
    expect(rotated.previous_secret_expires_at).toBeNull();
    const record = await env.server.app.services.stores.clients.get(created.client_id);
    expect(clientSecretMatches(record!, rotated.client_secret)).toBe(true);
    expect(clientSecretMatches(record!, created.client_secret!)).toBe(false);
    const fetched = await getClient({
      client: env.admin.api,
      path: { client_id: created.client_id },
    });
    expect(fetched.data).not.toHaveProperty('client_secret');
  });

  it('keeps the old secret valid for the grace period', async () => {
    const created = await create();
    const res = expectStatus(
      await rotateClientSecret({
        client: env.admin.api,
        path: { client_id: created.client_id },
        body: { grace_period_seconds: 3600 },
      }),
      200,
    );
    const expiresAt = Date.parse(res.data!.previous_secret_expires_at!);
    expect(expiresAt).toBeGreaterThan(Date.now() + 3590_000);
    expect(expiresAt).toBeLessThan(Date.now() + 3610_000);
    const record = await env.server.app.services.stores.clients.get(created.client_id);
    expect(clientSecretMatches(record!, created.client_secret!)).toBe(true);
    expect(clientSecretMatches(record!, res.data!.client_secret)).toBe(true);
    expect(clientSecretMatches(record!, created.client_secret!, new Date(expiresAt + 1))).toBe(
      false,
    );
  });

  it('refuses a public client (409), a bad grace period (400) and an unknown client (404)', async () => {
    const pub = await create({ ...WEB_APP, token_endpoint_auth_method: 'none' });
    expectStatus(
      await rotateClientSecret({ client: env.admin.api, path: { client_id: pub.client_id } }),
      409,
    );
    const conf = await create();
    expectFieldErrors(
      await rotateClientSecret({
        client: env.admin.api,
        path: { client_id: conf.client_id },
        body: { grace_period_seconds: -1 },
      }),
      ['/grace_period_seconds'],
    );
    expectStatus(
      await rotateClientSecret({ client: env.admin.api, path: { client_id: 'nope' } }),
      404,
    );
  });
});

/** A member with an access token, a refresh token and a PAT, all issued under `clientId`. */
async function issueEverything(clientId: string) {
  const { stores } = env.server.app.services;
  const member = await createUser(env.server.app);
  const access = await mintAccessToken(env.server.app, member, MEMBER_SCOPES, clientId);
  const pat = expectStatus(
    await createPersonalAccessToken({
      client: env.server.as(access),
      body: { name: 'script', client_id: clientId, scope: 'profile' },
    }),
    201,
  ).data!.token;
  const grant = await stores.grants.create({
    id: randomId(),
    clientId,
    userId: member.id,
    scope: 'profile',
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const refresh = `lk_rt_${randomId()}`;
  await stores.refreshTokens.insert({
    digest: sha256(refresh),
    grantId: grant.id,
    clientId,
    userId: member.id,
    scope: 'profile',
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  await stores.consents.upsert(member.id, clientId, 'profile');
  return { member, access, pat, grant, refresh };
}

describe('deleting a client', () => {
  it('makes every token, refresh token and PAT of the client unusable at once', async () => {
    const created = await create({ ...WEB_APP, personal_access_tokens_enabled: true });
    const issued = await issueEverything(created.client_id);
    expectStatus(await getMe({ client: env.server.as(issued.access) }), 200);
    expectStatus(await getMe({ client: env.server.as(issued.pat) }), 200);

    expectStatus(
      await deleteClient({ client: env.admin.api, path: { client_id: created.client_id } }),
      204,
    );

    expectStatus(await getMe({ client: env.server.as(issued.access) }), 401);
    expectStatus(await getMe({ client: env.server.as(issued.pat) }), 401);
    const { stores } = env.server.app.services;
    expect(await stores.refreshTokens.find(sha256(issued.refresh))).toBeUndefined();
    expect(await stores.grants.get(issued.grant.id)).toBeUndefined();
    expect(await stores.consents.get(issued.member.id, created.client_id)).toBeUndefined();
    const refreshed = await tokenEndpoint({
      client: env.server.client,
      body: {
        grant_type: 'refresh_token',
        refresh_token: issued.refresh,
        client_id: created.client_id,
      },
    });
    expect(refreshed.response?.status).not.toBe(200);
    expectStatus(
      await getClient({ client: env.admin.api, path: { client_id: created.client_id } }),
      404,
    );
    expect(await allClientIds()).not.toContain(created.client_id);
    expectStatus(
      await deleteClient({ client: env.admin.api, path: { client_id: created.client_id } }),
      404,
    );
  });
});

describe('revoking all tokens of a client', () => {
  it('revokes grants, PATs and consents, keeps the client, and says what it revoked', async () => {
    const created = await create({ ...WEB_APP, personal_access_tokens_enabled: true });
    const issued = await issueEverything(created.client_id);
    const res = expectStatus(
      await revokeClientTokens({ client: env.admin.api, path: { client_id: created.client_id } }),
      200,
    );
    // Two grants (the access token's and the refresh token's); the refresh count is derived
    // from the grants (see domains/clients/revoke.ts), so it covers at least the one issued.
    expect(res.data).toMatchObject({ access_grants: 2, personal_access_tokens: 1, consents: 1 });
    expect(res.data!.refresh_tokens).toBeGreaterThanOrEqual(1);
    expectStatus(await getMe({ client: env.server.as(issued.access) }), 401);
    expectStatus(await getMe({ client: env.server.as(issued.pat) }), 401);
    const { stores } = env.server.app.services;
    expect((await stores.grants.get(issued.grant.id))!.revokedAt).not.toBeNull();
    expect(await stores.consents.get(issued.member.id, created.client_id)).toBeUndefined();
    expectStatus(
      await getClient({ client: env.admin.api, path: { client_id: created.client_id } }),
      200,
    );
    expectStatus(
      await revokeClientTokens({ client: env.admin.api, path: { client_id: 'nope' } }),
      404,
    );
  });
});

describe('audit', () => {
  it('records each action with actor, target, IP and user agent, and never a secret', async () => {
    const created = await create();
    const path = { client_id: created.client_id };
    await updateClient({ client: env.admin.api, path, body: { description: 'notes' } });
    const rotated = await rotateClientSecret({ client: env.admin.api, path });
    await revokeClientTokens({ client: env.admin.api, path });
    await deleteClient({ client: env.admin.api, path });
    const events = await listAuditEvents({
      client: env.admin.api,
      query: { target_type: 'client', target_id: created.client_id },
    });
    const types = expectStatus(events, 200).data!.data.map((e) => e.type);
    expect(types.sort()).toEqual(
      [
        'client.created',
        'client.deleted',
        'client.secret_rotated',
        'client.tokens_revoked',
        'client.updated',
      ].sort(),
    );
    for (const event of events.data!.data) {
      expect(event.actor).toEqual({
        type: 'user',
        id: env.admin.user.id,
        name: env.admin.user.username,
      });
      expect(event.ip).toMatch(/127\.0\.0\.1/);
      expect(event.user_agent).toEqual(expect.any(String));
    }
    const text = JSON.stringify(events.data);
    expect(text).not.toContain(created.client_secret);
    expect(text).not.toContain(rotated.data!.client_secret);
  });
});
