// Test helpers: a mocked Latchkey server (msw) and auth clients wired to it.
import type { LockManagerLike, TokenSet, TokenStorage, User } from '@latchkey/sdk';
import { QueryClient } from '@tanstack/react-query';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { createAuthClient } from './auth-client.js';
import type { AuthClient, AuthClientConfig } from './types.js';
import { LatchkeyProvider } from './context.js';

export const ISSUER = 'https://auth.test';
export const REDIRECT_URI = `${window.location.origin}/callback`;

export const ADA: User = {
  id: 'usr_ada',
  username: 'ada',
  email: null,
  display_name: 'Ada',
  role: 'admin',
  disabled: false,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
};

const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/oauth/authorize`,
  token_endpoint: `${ISSUER}/oauth/token`,
  revocation_endpoint: `${ISSUER}/oauth/revoke`,
  introspection_endpoint: `${ISSUER}/oauth/introspect`,
  jwks_uri: `${ISSUER}/oauth/jwks`,
  response_types_supported: ['code'],
  grant_types_supported: ['authorization_code', 'refresh_token'],
  code_challenge_methods_supported: ['S256'],
  authorization_response_iss_parameter_supported: true,
};

/** The baseline server: metadata, `/me` for a bearer token, revocation. */
export const server = setupServer(
  http.get(`${ISSUER}/.well-known/oauth-authorization-server`, () => HttpResponse.json(METADATA)),
  http.get(`${ISSUER}/api/v1/me`, ({ request }) =>
    request.headers.get('authorization')?.startsWith('Bearer ')
      ? HttpResponse.json(ADA)
      : HttpResponse.json({ title: 'Unauthorized', status: 401 }, { status: 401 }),
  ),
  http.post(`${ISSUER}/oauth/revoke`, () => new HttpResponse(null, { status: 200 })),
);

/** A token response body as the server sends it. */
export function tokenBody(n: number, extra: Record<string, unknown> = {}) {
  return {
    access_token: `at-${n}`,
    token_type: 'Bearer' as const,
    expires_in: 3600,
    refresh_token: `rt-${n}`,
    scope: 'profile clients:read clients:write',
    ...extra,
  };
}

/** A token set as stored, expiring in `seconds`. */
export function tokenSet(n: number, seconds: number): TokenSet {
  return { ...tokenBody(n), expires_at: Math.floor(Date.now() / 1000) + seconds };
}

/** A TokenStorage holding `tokens`, shareable between clients like localStorage. */
export function sharedStorage(tokens: TokenSet | null = null): TokenStorage {
  const map = new Map<string, TokenSet>();
  return {
    get: (key) => map.get(key) ?? tokens,
    set: (key, value) => {
      tokens = null;
      map.set(key, value);
    },
    remove: (key) => {
      tokens = null;
      map.delete(key);
    },
  };
}

/** Web Locks between "tabs" of one test: one holder at a time per name. */
export function fakeLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).then(callback, callback);
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

const clients: AuthClient[] = [];

export function makeAuthClient(config: Partial<AuthClientConfig> = {}): AuthClient {
  const client = createAuthClient({
    issuer: ISSUER,
    clientId: 'spa',
    redirectUri: REDIRECT_URI,
    redirect: () => undefined,
    ...config,
  });
  clients.push(client);
  return client;
}

export function closeAuthClients(): void {
  for (const client of clients.splice(0)) client.close();
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

export function wrapper(client: AuthClient, queryClient = makeQueryClient()) {
  return function Wrapper({ children }: { children?: ReactNode }) {
    return (
      <LatchkeyProvider client={client} queryClient={queryClient}>
        {children}
      </LatchkeyProvider>
    );
  };
}
