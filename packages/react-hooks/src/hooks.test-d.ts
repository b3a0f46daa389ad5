// Pins the public API's types.
import type {
  Client,
  ClientPage,
  ClientUpdate,
  ClientWithSecret,
  LatchkeyErrorType,
  User,
} from '@latchkey/sdk';
import type { InfiniteData } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createAuthClient,
  useAuth,
  useClient,
  useClients,
  useCreateClient,
  useUpdateClient,
  type AuthStatus,
} from './index.js';

describe('public types', () => {
  it('useAuth', () => {
    const auth = useAuth();
    expectTypeOf(auth.status).toEqualTypeOf<AuthStatus>();
    expectTypeOf(auth.user).toEqualTypeOf<User | null>();
    expectTypeOf(auth.getAccessToken).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(auth.login).parameter(0).toMatchTypeOf<{ returnTo?: string } | undefined>();
  });

  it('data hooks return the API types and typed SDK errors', () => {
    expectTypeOf(useClients().data).toEqualTypeOf<InfiniteData<ClientPage> | undefined>();
    expectTypeOf(useClients().error).toEqualTypeOf<LatchkeyErrorType | null>();
    expectTypeOf(useClient('cl_1').data).toEqualTypeOf<Client | undefined>();
    expectTypeOf(useCreateClient().mutateAsync).returns.resolves.toEqualTypeOf<ClientWithSecret>();
    expectTypeOf(useUpdateClient().mutate)
      .parameter(0)
      .toEqualTypeOf<{ clientId: string; changes: ClientUpdate }>();
  });

  it('createAuthClient needs an issuer, a client id and a redirect URI', () => {
    // @ts-expect-error missing redirectUri
    createAuthClient({ issuer: 'https://auth.example.com', clientId: 'spa' });
  });
});
