import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionExpiredError } from './errors.js';
import type { TokenSet } from './oauth/token.js';
import { createTokenManager, memoryStorage, type LockManagerLike } from './token-manager.js';

const AS = 'https://as.test';
const API = 'https://api.test/thing';
const server = { token_endpoint: `${AS}/oauth/token` };
const client = { clientId: 'cl_spa' };
const now = () => Math.floor(Date.now() / 1000);

const tokenSet = (access: string, refresh: string, expiresIn = 3600): TokenSet => ({
  access_token: access,
  token_type: 'Bearer',
  expires_in: expiresIn,
  expires_at: now() + expiresIn,
  refresh_token: refresh,
  scope: 'profile',
});

const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

/** A token endpoint that rotates: refresh token rt-N gives at-(N+1) / rt-(N+1). */
function rotatingTokenEndpoint(delayMs = 20) {
  const refreshes: string[] = [];
  mock.use(
    http.post(`${AS}/oauth/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const used = form.get('refresh_token')!;
      refreshes.push(used);
      await new Promise((r) => setTimeout(r, delayMs));
      const n = Number(used.split('-')[1]) + 1;
      return HttpResponse.json({
        access_token: `at-${n}`,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: `rt-${n}`,
        scope: 'profile',
      });
    }),
  );
  return refreshes;
}

/** An API that accepts only the given access token. */
function api(valid: () => string) {
  const seen: string[] = [];
  mock.use(
    http.all(API, ({ request }) => {
      const auth = request.headers.get('authorization') ?? '';
      seen.push(auth);
      return auth === `Bearer ${valid()}`
        ? HttpResponse.json({ ok: true })
        : HttpResponse.json({ status: 401, title: 'Unauthorized' }, { status: 401 });
    }),
  );
  return seen;
}

describe('refresh before expiry, single-flight', () => {
  it('100 concurrent callers with an expiring token cause exactly one refresh', async () => {
    const refreshes = rotatingTokenEndpoint();
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1', 10) });
    const results = await Promise.all(Array.from({ length: 100 }, () => manager.getAccessToken()));
    expect(refreshes).toEqual(['rt-1']);
    expect(new Set(results)).toEqual(new Set(['at-2']));
    expect((await manager.getTokens())?.refresh_token).toBe('rt-2');
  });

  it('100 concurrent requests that all get a 401 share one refresh and each retry once', async () => {
    const refreshes = rotatingTokenEndpoint();
    const seen = api(() => 'at-2');
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1') });
    const responses = await Promise.all(Array.from({ length: 100 }, () => manager.authFetch(API)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(refreshes).toEqual(['rt-1']);
    expect(seen.filter((h) => h === 'Bearer at-1')).toHaveLength(100);
    expect(seen.filter((h) => h === 'Bearer at-2')).toHaveLength(100);
  });

  it('does not refresh a token that is still fresh', async () => {
    const refreshes = rotatingTokenEndpoint();
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1') });
    expect(await manager.getAccessToken()).toBe('at-1');
    expect(refreshes).toEqual([]);
  });

  it('refreshes within the leeway before expiry', async () => {
    const refreshes = rotatingTokenEndpoint(0);
    const manager = createTokenManager({
      server,
      client,
      tokens: tokenSet('at-1', 'rt-1', 100),
      refreshLeewaySeconds: 120,
    });
    expect(await manager.getAccessToken()).toBe('at-2');
    expect(refreshes).toEqual(['rt-1']);
  });

  it('takes the Web Lock around a refresh when one is available', async () => {
    rotatingTokenEndpoint(0);
    const names: string[] = [];
    const locks: LockManagerLike = {
      request: (name, callback) => {
        names.push(name);
        return callback();
      },
    };
    const manager = createTokenManager({
      server,
      client,
      tokens: tokenSet('at-1', 'rt-1', 1),
      locks,
      storageKey: 'app',
    });
    await manager.getAccessToken();
    expect(names).toEqual(['latchkey-refresh:app']);
  });

  it('adopts tokens another tab refreshed while it waited for the lock', async () => {
    const refreshes = rotatingTokenEndpoint(0);
    const storage = memoryStorage();
    const otherTab = tokenSet('at-9', 'rt-9');
    const locks: LockManagerLike = {
      // The other tab held the lock and refreshed into shared storage first.
      request: async (_name, callback) => {
        await storage.set('latchkey.tokens', otherTab);
        return callback();
      },
    };
    const manager = createTokenManager({
      server,
      client,
      storage,
      locks,
      tokens: tokenSet('at-1', 'rt-1', 1),
    });
    expect(await manager.getAccessToken()).toBe('at-9');
    expect(refreshes).toEqual([]);
  });
});

describe('authFetch', () => {
  it('adds the bearer token and keeps method, headers and body', async () => {
    let received:
      { method: string; auth: string | null; type: string | null; body: string } | undefined;
    mock.use(
      http.post(API, async ({ request }) => {
        received = {
          method: request.method,
          auth: request.headers.get('authorization'),
          type: request.headers.get('content-type'),
          body: await request.text(),
        };
        return HttpResponse.json({});
      }),
    );
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1') });
    await manager.authFetch(API, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(received).toEqual({
      method: 'POST',
      auth: 'Bearer at-1',
      type: 'application/json',
      body: '{"a":1}',
    });
  });

  it('on a 401 refreshes once and retries once, with the same body', async () => {
    const refreshes = rotatingTokenEndpoint(0);
    const bodies: string[] = [];
    mock.use(
      http.put(API, async ({ request }) => {
        bodies.push(await request.text());
        return request.headers.get('authorization') === 'Bearer at-2'
          ? HttpResponse.json({ ok: true })
          : new HttpResponse(null, { status: 401 });
      }),
    );
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1') });
    const response = await manager.authFetch(API, { method: 'PUT', body: 'payload' });
    expect(response.status).toBe(200);
    expect(refreshes).toEqual(['rt-1']);
    expect(bodies).toEqual(['payload', 'payload']);
  });

  it('does not loop on a second 401: it answers it', async () => {
    const refreshes = rotatingTokenEndpoint(0);
    const seen = api(() => 'never-valid');
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1') });
    const response = await manager.authFetch(API);
    expect(response.status).toBe(401);
    expect(refreshes).toEqual(['rt-1']);
    expect(seen).toEqual(['Bearer at-1', 'Bearer at-2']);
  });

  it('raises SessionExpiredError and signs out when the refresh token is rejected', async () => {
    mock.use(
      http.post(`${AS}/oauth/token`, () =>
        HttpResponse.json(
          { error: 'invalid_grant', error_description: 'The refresh token was revoked.' },
          { status: 400 },
        ),
      ),
    );
    api(() => 'at-2');
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1') });
    const listener = vi.fn();
    manager.subscribe(listener);
    const error = await manager.authFetch(API).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect((error as SessionExpiredError).cause).toMatchObject({ error: 'invalid_grant' });
    expect(await manager.getTokens()).toBeNull();
    expect(listener).toHaveBeenCalledWith(null);
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('keeps the tokens when the refresh fails for a network reason', async () => {
    mock.use(http.post(`${AS}/oauth/token`, () => HttpResponse.error()));
    const manager = createTokenManager({ server, client, tokens: tokenSet('at-1', 'rt-1', 1) });
    await expect(manager.getAccessToken()).rejects.toMatchObject({ code: 'network_error' });
    expect((await manager.getTokens())?.refresh_token).toBe('rt-1');
  });
});

describe('custom refresh and storage', () => {
  it('uses a custom refresh function and notifies subscribers', async () => {
    const manager = createTokenManager({
      tokens: tokenSet('at-1', 'rt-1', 1),
      refresh: async () => tokenSet('cc-2', 'unused'),
    });
    const seen: Array<string | undefined> = [];
    const unsubscribe = manager.subscribe((t) => seen.push(t?.access_token));
    expect(await manager.getAccessToken()).toBe('cc-2');
    unsubscribe();
    await manager.setTokens(null);
    expect(seen).toEqual(['cc-2']);
  });

  it('is signed out without tokens', async () => {
    const manager = createTokenManager({ server, client });
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(SessionExpiredError);
  });
});
