// SigningKeyStore contract: instances starting together agree on one active key; a rotated-out
// key stays published until publishUntil.
import { describe, expect, it } from 'vitest';
import type { NewSigningKey } from '../../domains/keys/store.js';
import {
  digest,
  expectBetween,
  minutesFromNow,
  uid,
  useStores,
  type OpenStores,
} from './fixtures.js';

const newKey = (): NewSigningKey => {
  const kid = uid('kid');
  const x = digest().slice(0, 43);
  const y = digest().slice(0, 43);
  return {
    kid,
    alg: 'ES256',
    privateJwk: { kty: 'EC', crv: 'P-256', x, y, d: digest().slice(0, 43), kid, alg: 'ES256' },
    publicJwk: { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' },
  };
};

export function signingKeyStoreContract(open: OpenStores): void {
  describe('SigningKeyStore', () => {
    // Signing keys are global state: a fresh store for every test.
    const stores = useStores(open, 'each');
    const keys = () => stores().signingKeys;

    it('inserts the first key as active and round-trips its JWKs', async () => {
      const key = newKey();
      const start = new Date();
      const active = await keys().ensureActive(key);
      expectBetween(active.createdAt, start, new Date());
      expect(active).toEqual({
        ...key,
        status: 'active',
        createdAt: active.createdAt,
        retiredAt: null,
        publishUntil: null,
      });
      expect(await keys().list(new Date())).toEqual([active]);
      expect((await keys().ensureActive(newKey())).kid).toBe(key.kid);
    });

    it(
      'agrees on one active key when 20 instances start at once',
      { timeout: 30_000 },
      async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => keys().ensureActive(newKey())),
        );
        const kids = new Set(results.map((k) => k.kid));
        expect(kids.size).toBe(1);
        const listed = await keys().list(new Date());
        expect(listed.filter((k) => k.status === 'active').map((k) => k.kid)).toEqual([...kids]);
        expect(listed).toHaveLength(1);
      },
    );

    it('rotates: a new active key, the old one retired and published until publishUntil', async () => {
      const old = await keys().ensureActive(newKey());
      const publishUntil = minutesFromNow(60);
      const start = new Date();
      const next = await keys().rotate(newKey(), publishUntil);
      expect(next).toMatchObject({ status: 'active', retiredAt: null, publishUntil: null });
      const listed = await keys().list(new Date());
      expect(listed.map((k) => k.kid)).toEqual([next.kid, old.kid]);
      const retired = listed[1]!;
      expect(retired).toMatchObject({ status: 'retired', publishUntil });
      expectBetween(retired.retiredAt!, start, new Date());
      expect((await keys().ensureActive(newKey())).kid).toBe(next.kid);
      expect((await keys().list(minutesFromNow(61))).map((k) => k.kid)).toEqual([next.kid]);
    });

    it('lets concurrent rotations each insert their key, leaving only the newest active', async () => {
      await keys().ensureActive(newKey());
      const rotated = await Promise.all(
        Array.from({ length: 5 }, () => keys().rotate(newKey(), minutesFromNow(60))),
      );
      const listed = await keys().list(new Date());
      expect(listed).toHaveLength(6);
      for (const key of rotated) expect(listed.map((k) => k.kid)).toContain(key.kid);
      expect(listed.filter((k) => k.status === 'active').map((k) => k.kid)).toEqual([
        listed[0]?.kid,
      ]);
    });

    it('rotates twice: only the newest key is active', async () => {
      await keys().ensureActive(newKey());
      await keys().rotate(newKey(), minutesFromNow(60));
      const newest = await keys().rotate(newKey(), minutesFromNow(60));
      const listed = await keys().list(new Date());
      expect(listed).toHaveLength(3);
      expect(listed.filter((k) => k.status === 'active').map((k) => k.kid)).toEqual([newest.kid]);
      expect(listed[0]?.kid).toBe(newest.kid);
    });
  });
}
