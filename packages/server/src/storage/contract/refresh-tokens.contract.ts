// RefreshTokenStore contract: consume-once rotation (RFC 9700 §4.14.2), expiry, unique digests.
import { describe, expect, it } from 'vitest';
import type { NewRefreshToken } from '../../domains/tokens/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import type { Stores } from '../index.js';
import {
  digest,
  expectBetween,
  minutesFromNow,
  seedOwners,
  useStores,
  type OpenStores,
} from './fixtures.js';
import { newGrant } from './grants.contract.js';

/** A grant and a refresh token in it, with owners. */
async function issue(stores: Stores, overrides: Partial<NewRefreshToken> = {}) {
  const { client, user } = await seedOwners(stores);
  const grant = await stores.grants.create(newGrant(client.clientId, user.id));
  const input: NewRefreshToken = {
    digest: digest(),
    grantId: grant.id,
    clientId: client.clientId,
    userId: user.id,
    scope: 'read',
    expiresAt: minutesFromNow(60),
    ...overrides,
  };
  return { input, token: await stores.refreshTokens.insert(input) };
}

export function refreshTokenStoreContract(open: OpenStores): void {
  describe('RefreshTokenStore', () => {
    const stores = useStores(open);

    it('inserts a token and finds it by digest', async () => {
      const start = new Date();
      const { input, token } = await issue(stores());
      expectBetween(token.createdAt, start, new Date());
      expect(token).toEqual({ ...input, createdAt: token.createdAt, rotatedAt: null });
      expect(await stores().refreshTokens.find(input.digest)).toEqual(token);
      expect(await stores().refreshTokens.find(digest())).toBeUndefined();
    });

    it('rejects a digest collision with DuplicateKeyError(refresh_token)', async () => {
      const { input } = await issue(stores());
      const error = await stores()
        .refreshTokens.insert(input)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).field).toBe('refresh_token');
    });

    it('rotates once; a later caller loses and sees when it was rotated', async () => {
      const { token } = await issue(stores());
      const now = new Date();
      const first = await stores().refreshTokens.rotate(token.digest, now);
      expect(first).toEqual({ won: true, token: { ...token, rotatedAt: now } });
      const second = await stores().refreshTokens.rotate(token.digest, new Date());
      expect(second?.won).toBe(false);
      expect(second?.token.rotatedAt?.getTime()).toBe(now.getTime());
      expect((await stores().refreshTokens.find(token.digest))?.rotatedAt?.getTime()).toBe(
        now.getTime(),
      );
      expect(await stores().refreshTokens.rotate(digest(), new Date())).toBeUndefined();
    });

    it(
      'lets exactly one of 50 concurrent callers rotate a token',
      { timeout: 30_000 },
      async () => {
        const { token } = await issue(stores());
        const results = await Promise.all(
          Array.from({ length: 50 }, () => stores().refreshTokens.rotate(token.digest, new Date())),
        );
        expect(results.filter((r) => r?.won === true)).toHaveLength(1);
        for (const r of results) {
          expect(r?.token.grantId).toBe(token.grantId);
          expect(r?.token.rotatedAt).toBeInstanceOf(Date);
        }
      },
    );

    it('never finds or rotates an expired token', async () => {
      const { token } = await issue(stores(), { expiresAt: new Date(Date.now() - 1000) });
      expect(await stores().refreshTokens.find(token.digest)).toBeUndefined();
      expect(await stores().refreshTokens.rotate(token.digest, new Date())).toBeUndefined();
      const { token: live } = await issue(stores(), { expiresAt: minutesFromNow(1) });
      expect(await stores().refreshTokens.rotate(live.digest, minutesFromNow(2))).toBeUndefined();
    });
  });
}
