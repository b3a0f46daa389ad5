import { isSessionExpiredError } from '@latchkey/sdk';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { StrictMode, useSyncExternalStore } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginLoopError } from './types.js';
import { LatchkeyProvider } from './context.js';
import { LoginCallback } from './login-callback.js';
import { RequireAuth } from './require-auth.js';
import {
  ADA,
  ISSUER,
  closeAuthClients,
  fakeLocks,
  makeAuthClient,
  makeQueryClient,
  server,
  sharedStorage,
  tokenBody,
  tokenSet,
  wrapper,
} from './test-utils.js';
import { useAuth } from './use-auth.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  closeAuthClients();
});
afterAll(() => server.close());

/** Starts a sign-in and answers the callback URL the server would redirect to. */
async function signInRedirect(
  auth: ReturnType<typeof makeAuthClient>,
  redirect: ReturnType<typeof vi.fn>,
  returnTo: string,
) {
  await auth.login({ returnTo });
  const authorize = new URL(redirect.mock.calls.at(-1)![0] as string);
  return {
    authorize,
    state: authorize.searchParams.get('state')!,
  };
}

function Status() {
  const { status, user, error } = useAuth();
  return (
    <p data-testid="status">
      {status}
      {user ? ` as ${user.username}` : ''}
      {error ? ` (${error.name})` : ''}
    </p>
  );
}

describe('sign-in callback', () => {
  it('exchanges the code once under StrictMode, after cleaning the URL and storage, and returns to the start page', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect });
    const { authorize, state } = await signInRedirect(auth, redirect, '/clients?page=2');
    expect(authorize.origin + authorize.pathname).toBe(`${ISSUER}/oauth/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sessionStorage.length).toBe(1); // the pending sign-in, keyed by state

    const requests: URLSearchParams[] = [];
    const seenDuringExchange: { search: string; stored: number }[] = [];
    server.use(
      http.post(`${ISSUER}/oauth/token`, async ({ request }) => {
        requests.push(new URLSearchParams(await request.text()));
        seenDuringExchange.push({ search: window.location.search, stored: sessionStorage.length });
        return HttpResponse.json(tokenBody(1));
      }),
    );
    window.history.replaceState(
      null,
      '',
      `/callback?code=c0de&state=${state}&iss=${encodeURIComponent(ISSUER)}`,
    );

    render(
      <StrictMode>
        <LatchkeyProvider client={auth} queryClient={makeQueryClient()}>
          <LoginCallback loading={<p>Signing in…</p>} />
          <Status />
        </LatchkeyProvider>
      </StrictMode>,
    );

    await waitFor(() =>
      expect(window.location.pathname + window.location.search).toBe('/clients?page=2'),
    );
    expect(screen.getByTestId('status').textContent).toBe('authenticated as ada');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.get('grant_type')).toBe('authorization_code');
    expect(requests[0]!.get('code')).toBe('c0de');
    expect(requests[0]!.get('client_id')).toBe('spa');
    expect(requests[0]!.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Before the token request was even answered, the code had left the URL and the verifier
    // had left sessionStorage.
    expect(seenDuringExchange).toEqual([{ search: '', stored: 0 }]);
    // The tokens live in memory only.
    expect(JSON.stringify({ ...sessionStorage, ...localStorage })).not.toContain('at-1');
    await expect(auth.getAccessToken()).resolves.toBe('at-1');
  });

  it('renders an OAuth error from the authorization response, without a token request', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect });
    const { state } = await signInRedirect(auth, redirect, '/');
    const token = vi.fn(() => HttpResponse.json(tokenBody(1)));
    server.use(http.post(`${ISSUER}/oauth/token`, token));
    window.history.replaceState(
      null,
      '',
      `/callback?error=access_denied&error_description=The+user+said+no&state=${state}&iss=${encodeURIComponent(ISSUER)}`,
    );

    render(<LoginCallback />, { wrapper: wrapper(auth) });

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('Access was denied. (The user said no)'),
    );
    expect(token).not.toHaveBeenCalled();
    expect(window.location.search).toBe('');
    expect(auth.getState()).toMatchObject({ status: 'unauthenticated' });
    expect(auth.getState().error).toMatchObject({ code: 'oauth_error', error: 'access_denied' });

    // "Sign in again" starts a fresh sign-in.
    act(() => screen.getByRole('button', { name: 'Sign in again' }).click());
    await waitFor(() => expect(redirect).toHaveBeenCalledTimes(2));
  });

  it('refuses a callback whose state this tab never issued (CSRF), and a replayed one', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect });
    const { state } = await signInRedirect(auth, redirect, '/');
    server.use(http.post(`${ISSUER}/oauth/token`, () => HttpResponse.json(tokenBody(1))));

    const iss = encodeURIComponent(ISSUER);
    await expect(
      auth.handleCallback(`${window.location.origin}/callback?code=x&state=forged&iss=${iss}`),
    ).rejects.toMatchObject({ code: 'protocol_error', reason: 'state_mismatch' });

    await auth.handleCallback(
      `${window.location.origin}/callback?code=x&state=${state}&iss=${iss}`,
    );
    // A second client (a reload of the callback page) cannot use the same state again.
    const reloaded = makeAuthClient({ redirect });
    await expect(
      reloaded.handleCallback(
        `${window.location.origin}/callback?code=x&state=${state}&iss=${iss}`,
      ),
    ).rejects.toMatchObject({ reason: 'state_mismatch' });
  });

  it('lets getAccessToken wait for initialisation and a running callback instead of failing', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect });
    const { state } = await signInRedirect(auth, redirect, '/');
    let answer!: () => void;
    server.use(
      http.post(`${ISSUER}/oauth/token`, async () => {
        await new Promise<void>((resolve) => (answer = resolve));
        return HttpResponse.json(tokenBody(7));
      }),
    );
    const callback = auth.handleCallback(
      `${window.location.origin}/callback?code=x&state=${state}&iss=${encodeURIComponent(ISSUER)}`,
    );
    const token = auth.getAccessToken();
    await waitFor(() => expect(answer).toBeTypeOf('function'));
    answer();
    await callback;
    await expect(token).resolves.toBe('at-7');
  });
});

describe('refresh', () => {
  it('signs out with an error when the refresh token has expired', async () => {
    server.use(
      http.post(`${ISSUER}/oauth/token`, () =>
        HttpResponse.json(
          { error: 'invalid_grant', error_description: 'The refresh token expired' },
          { status: 400 },
        ),
      ),
    );
    const auth = makeAuthClient({ tokenStorage: sharedStorage(tokenSet(1, 3600)) });
    const { result } = renderHook(() => useAuth(), { wrapper: wrapper(auth) });
    await waitFor(() => expect(result.current.status).toBe('authenticated'));
    expect(result.current.user).toEqual(ADA);

    // An hour later the access token is stale and the refresh token is refused.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_700_000);
    try {
      await expect(result.current.getAccessToken()).rejects.toSatisfy(isSessionExpiredError);
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(result.current.status).toBe('unauthenticated'));
    expect(result.current.isAuthenticated).toBe(false);
    expect(result.current.user).toBeNull();
    expect(result.current.error).toSatisfy(isSessionExpiredError);
  });

  it('refreshes once for 20 concurrent getAccessToken calls', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${ISSUER}/oauth/token`, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        expect(form.get('grant_type')).toBe('refresh_token');
        expect(form.get('refresh_token')).toBe('rt-1');
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return HttpResponse.json(tokenBody(2));
      }),
    );
    const auth = makeAuthClient({
      tokenStorage: sharedStorage(tokenSet(1, 5)), // inside the 30 s refresh leeway
      fetchUser: false,
    });

    const tokens = await Promise.all(Array.from({ length: 20 }, () => auth.getAccessToken()));

    expect(refreshes).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['at-2']));
  });

  it('refreshes once across tabs that share their tokens (Web Locks)', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${ISSUER}/oauth/token`, async () => {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return HttpResponse.json(tokenBody(2));
      }),
    );
    const storage = sharedStorage(tokenSet(1, 5));
    const locks = fakeLocks();
    const tabA = makeAuthClient({ tokenStorage: storage, locks, fetchUser: false });
    const tabB = makeAuthClient({ tokenStorage: storage, locks, fetchUser: false });

    const tokens = await Promise.all([
      ...Array.from({ length: 5 }, () => tabA.getAccessToken()),
      ...Array.from({ length: 5 }, () => tabB.getAccessToken()),
    ]);

    expect(refreshes).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['at-2']));
  });
});

describe('sign-out', () => {
  it('revokes the refresh token, forgets the session and tells the other tabs', async () => {
    const revoked: string[] = [];
    server.use(
      http.post(`${ISSUER}/oauth/revoke`, async ({ request }) => {
        revoked.push(new URLSearchParams(await request.text()).get('token')!);
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const tabA = makeAuthClient({ tokenStorage: sharedStorage(tokenSet(1, 3600)) });
    const tabB = makeAuthClient({ tokenStorage: sharedStorage(tokenSet(2, 3600)) });
    await Promise.all([tabA.init(), tabB.init()]);
    expect(tabB.getState().status).toBe('authenticated');

    await tabA.logout();

    expect(tabA.getState()).toMatchObject({ status: 'unauthenticated', user: null, error: null });
    await waitFor(() => expect(tabB.getState().status).toBe('unauthenticated'));
    await waitFor(() => expect(revoked.sort()).toEqual(['rt-1', 'rt-2']));
    await expect(tabB.getAccessToken()).rejects.toSatisfy(isSessionExpiredError);
  });

  it('asks for the password again on the next sign-in', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect, tokenStorage: sharedStorage(tokenSet(1, 3600)) });
    await auth.init();
    await auth.logout({ returnTo: '/signed-out' });
    expect(window.location.pathname).toBe('/signed-out');
    await auth.login();
    expect(new URL(redirect.mock.calls[0]![0] as string).searchParams.get('prompt')).toBe('login');
  });
});

describe('<RequireAuth>', () => {
  it('redirects to sign in once, even under StrictMode, and remembers the page', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect });
    window.history.replaceState(null, '', '/clients/cl_1?tab=tokens');

    render(
      <StrictMode>
        <LatchkeyProvider client={auth} queryClient={makeQueryClient()}>
          <RequireAuth fallback={<p>Loading…</p>}>
            <p>Secret page</p>
          </RequireAuth>
        </LatchkeyProvider>
      </StrictMode>,
    );

    await waitFor(() => expect(redirect).toHaveBeenCalledTimes(1));
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.queryByText('Secret page')).toBeNull();
    const state = new URL(redirect.mock.calls[0]![0] as string).searchParams.get('state')!;
    const pending = JSON.parse(sessionStorage.getItem(`latchkey:spa.tx.${state}`)!);
    expect(pending.returnTo).toBe('/clients/cl_1?tab=tokens');
  });

  it('shows the error instead of redirecting after a failed sign-in', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect });
    await auth
      .handleCallback(`${window.location.origin}/callback?code=x&state=unknown&iss=${ISSUER}`)
      .catch(() => undefined);

    render(
      <RequireAuth>
        <p>Secret page</p>
      </RequireAuth>,
      { wrapper: wrapper(auth) },
    );

    expect((await screen.findByRole('alert')).textContent).toContain('does not match a sign-in');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('stops automatic redirects that keep coming back (a redirect loop)', async () => {
    const redirect = vi.fn();
    for (let i = 0; i < 5; i++) {
      const auth = makeAuthClient({ redirect }); // a fresh page load each time
      await auth.init();
      await auth.login({ automatic: true });
    }
    expect(redirect).toHaveBeenCalledTimes(4);
    const last = makeAuthClient({ redirect });
    await last.init();
    await last.login({ automatic: true });
    expect(last.getState().error).toBeInstanceOf(LoginLoopError);
    // A sign-in the user asks for still goes ahead.
    await last.login();
    expect(redirect).toHaveBeenCalledTimes(5);
  });

  it('does not start a sign-in when the user signs out to a public page', async () => {
    const redirect = vi.fn();
    const auth = makeAuthClient({ redirect, tokenStorage: sharedStorage(tokenSet(1, 3600)) });
    window.history.replaceState(null, '', '/private');
    const subscribe = (onChange: () => void) => {
      window.addEventListener('popstate', onChange);
      return () => window.removeEventListener('popstate', onChange);
    };
    function App() {
      const path = useSyncExternalStore(subscribe, () => window.location.pathname);
      return path === '/bye' ? (
        <p>Bye</p>
      ) : (
        <RequireAuth>
          <p>Secret page</p>
        </RequireAuth>
      );
    }
    render(<App />, { wrapper: wrapper(auth) });
    await screen.findByText('Secret page');

    await act(() => auth.logout({ returnTo: '/bye' }));

    await screen.findByText('Bye');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('renders the children once signed in', async () => {
    const auth = makeAuthClient({ tokenStorage: sharedStorage(tokenSet(1, 3600)) });
    render(
      <RequireAuth fallback={<p>Loading…</p>}>
        <p>Secret page</p>
      </RequireAuth>,
      { wrapper: wrapper(auth) },
    );
    expect(await screen.findByText('Secret page')).toBeTruthy();
  });
});
