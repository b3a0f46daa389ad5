import type { Client } from '@latchkey/sdk';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useClients, useCreateClient, useDeleteClient, useUpdateClient } from './data/clients.js';
import { usePersonalAccessTokens, useRevokePersonalAccessToken } from './data/tokens.js';
import {
  ISSUER,
  closeAuthClients,
  makeAuthClient,
  makeQueryClient,
  server,
  sharedStorage,
  tokenSet,
  wrapper,
} from './test-utils.js';
import { useAuth } from './use-auth.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  closeAuthClients();
});
afterAll(() => server.close());

function client(n: number, extra: Partial<Client> = {}): Client {
  return {
    client_id: `cl_${n}`,
    client_name: `App ${n}`,
    description: null,
    redirect_uris: [],
    grant_types: ['client_credentials'],
    personal_access_tokens_enabled: false,
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'clients:read',
    access_token_lifetime: null,
    refresh_token_lifetime: null,
    skip_consent: false,
    client_secret_hint: 'ab12',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

/** An in-memory clients API: pages of 2, newest first. */
function clientsApi(initial: Client[]) {
  const rows = [...initial];
  const listed: URLSearchParams[] = [];
  server.use(
    http.get(`${ISSUER}/api/v1/clients`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      listed.push(params);
      expect(request.headers.get('authorization')).toBe('Bearer at-1');
      const name = params.get('name')?.toLowerCase() ?? '';
      const matching = rows.filter((row) => row.client_name.toLowerCase().includes(name));
      const start = Number(params.get('cursor') ?? 0);
      const limit = Number(params.get('limit') ?? 2);
      const next = start + limit < matching.length ? String(start + limit) : null;
      return HttpResponse.json({ data: matching.slice(start, start + limit), next_cursor: next });
    }),
    http.post(`${ISSUER}/api/v1/clients`, async ({ request }) => {
      const body = (await request.json()) as { client_name: string; redirect_uris?: string[] };
      if (body.redirect_uris?.some((uri) => !uri.startsWith('https://'))) {
        return HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Invalid request',
            status: 400,
            errors: [{ pointer: '/redirect_uris/0', detail: 'must use https' }],
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }
      const created = client(rows.length + 1, { client_name: body.client_name });
      rows.unshift(created);
      return HttpResponse.json({ ...created, client_secret: 'lk_cs_secret' }, { status: 201 });
    }),
    http.patch(`${ISSUER}/api/v1/clients/:id`, async ({ params, request }) => {
      const row = rows.find((r) => r.client_id === params.id)!;
      Object.assign(row, await request.json());
      return HttpResponse.json(row);
    }),
    http.delete(`${ISSUER}/api/v1/clients/:id`, ({ params }) => {
      rows.splice(
        rows.findIndex((r) => r.client_id === params.id),
        1,
      );
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { rows, listed };
}

function signedIn() {
  return makeAuthClient({ tokenStorage: sharedStorage(tokenSet(1, 3600)) });
}

const names = (pages: { data: Client[] }[] | undefined) =>
  pages?.flatMap((page) => page.data.map((c) => c.client_name));

describe('data hooks', () => {
  it('pages through clients with the cursor and filters by name', async () => {
    const api = clientsApi([client(3), client(2), client(1)]);
    const { result, rerender } = renderHook(({ name }) => useClients({ name, limit: 2 }), {
      wrapper: wrapper(signedIn()),
      initialProps: { name: '' },
    });
    await waitFor(() => expect(names(result.current.data?.pages)).toEqual(['App 3', 'App 2']));
    expect(result.current.hasNextPage).toBe(true);

    await act(() => result.current.fetchNextPage());
    await waitFor(() =>
      expect(names(result.current.data?.pages)).toEqual(['App 3', 'App 2', 'App 1']),
    );
    expect(result.current.hasNextPage).toBe(false);
    expect(api.listed.map((p) => p.get('cursor'))).toEqual([null, '2']);

    rerender({ name: '1' });
    await waitFor(() => expect(names(result.current.data?.pages)).toEqual(['App 1']));
  });

  it('refetches the list after every mutation', async () => {
    const api = clientsApi([client(1)]);
    const queryClient = makeQueryClient();
    const { result } = renderHook(
      () => ({
        list: useClients(),
        create: useCreateClient(),
        update: useUpdateClient(),
        remove: useDeleteClient(),
      }),
      { wrapper: wrapper(signedIn(), queryClient) },
    );
    await waitFor(() => expect(names(result.current.list.data?.pages)).toEqual(['App 1']));

    let created!: Awaited<ReturnType<typeof result.current.create.mutateAsync>>;
    await act(async () => {
      created = await result.current.create.mutateAsync({ client_name: 'Acme' });
    });
    expect(created.client_secret).toBe('lk_cs_secret');
    expect(names(result.current.list.data?.pages)).toEqual(['Acme', 'App 1']);
    // The secret is shown once: nothing in the query cache holds it.
    expect(
      JSON.stringify(
        queryClient
          .getQueryCache()
          .getAll()
          .map((q) => q.state.data),
      ),
    ).not.toContain('lk_cs_secret');

    await act(() =>
      result.current.update.mutateAsync({
        clientId: created.client_id,
        changes: { client_name: 'Acme 2' },
      }),
    );
    expect(names(result.current.list.data?.pages)).toEqual(['Acme 2', 'App 1']);

    await act(() => result.current.remove.mutateAsync(created.client_id));
    expect(names(result.current.list.data?.pages)).toEqual(['App 1']);
    expect(api.listed).toHaveLength(4); // the first load, then one refetch per mutation
  });

  it('fails with the API error and its field errors, and still refetches', async () => {
    const api = clientsApi([]);
    const { result } = renderHook(() => ({ list: useClients(), create: useCreateClient() }), {
      wrapper: wrapper(signedIn()),
    });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));

    await act(() =>
      result.current.create
        .mutateAsync({ client_name: 'Bad', redirect_uris: ['http://app.example/cb'] })
        .catch(() => undefined),
    );
    const error = result.current.create.error;
    expect(error?.code).toBe('api_error');
    if (error?.code !== 'api_error') throw new Error('unreachable');
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual([{ pointer: '/redirect_uris/0', detail: 'must use https' }]);
    expect(api.listed).toHaveLength(2);
  });

  it('invalidates the token list after a revocation, and empties the cache on sign-out', async () => {
    let tokens = [
      {
        id: 'pat_1',
        name: 'CI',
        user_id: 'usr_ada',
        client_id: 'cl_1',
        scope: 'clients:read',
        token_hint: 'lk_pat_…abcd',
        created_at: '2025-01-01T00:00:00Z',
        expires_at: null,
        last_used_at: null,
      },
    ];
    server.use(
      http.get(`${ISSUER}/api/v1/me/personal-access-tokens`, () =>
        HttpResponse.json({ data: tokens, next_cursor: null }),
      ),
      http.delete(`${ISSUER}/api/v1/me/personal-access-tokens/:id`, ({ params }) => {
        tokens = tokens.filter((t) => t.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const queryClient = makeQueryClient();
    const { result } = renderHook(
      () => ({
        auth: useAuth(),
        list: usePersonalAccessTokens(),
        revoke: useRevokePersonalAccessToken(),
      }),
      { wrapper: wrapper(signedIn(), queryClient) },
    );
    await waitFor(() => expect(result.current.list.data?.pages[0]?.data).toHaveLength(1));

    await act(() => result.current.revoke.mutateAsync('pat_1'));
    expect(result.current.list.data?.pages[0]?.data).toHaveLength(0);

    await act(() => result.current.auth.logout());
    // Still-mounted queries come back, empty: nothing of the previous user is left.
    const cached = queryClient.getQueryCache().getAll();
    expect(cached.map((query) => query.state.data)).toEqual(cached.map(() => undefined));
  });
});
