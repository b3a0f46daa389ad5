// PersonalAccessTokenStore contract: live-only reads, filters, pagination, revocation, touch.
import { describe, expect, it } from 'vitest';
import type { NewPersonalAccessToken } from '../../domains/tokens/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import {
  digest,
  expectBetween,
  expectEachOnce,
  minutesFromNow,
  seedOwners,
  uid,
  useStores,
  walkPages,
  type OpenStores,
} from './fixtures.js';

const newPat = (
  userId: string,
  clientId: string,
  overrides: Partial<NewPersonalAccessToken> = {},
): NewPersonalAccessToken => ({
  id: uid('pat'),
  userId,
  clientId,
  name: 'CI deploys',
  scope: 'read',
  digest: digest(),
  hint: 'lk_pat_…a1b2',
  expiresAt: null,
  ...overrides,
});

export function personalAccessTokenStoreContract(open: OpenStores): void {
  describe('PersonalAccessTokenStore', () => {
    const stores = useStores(open);
    const pats = () => stores().personalAccessTokens;

    it('creates a token and reads it by id and by digest', async () => {
      const { client, user } = await seedOwners(stores());
      const input = newPat(user.id, client.clientId, { expiresAt: minutesFromNow(60) });
      const start = new Date();
      const created = await pats().create(input);
      expectBetween(created.createdAt, start, new Date());
      expect(created).toEqual({
        ...input,
        createdAt: created.createdAt,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(await pats().get(input.id)).toEqual(created);
      expect(await pats().findByDigest(input.digest)).toEqual(created);
      expect(await pats().get(uid('pat'))).toBeUndefined();
    });

    it('rejects a digest collision with DuplicateKeyError(token)', async () => {
      const { client, user } = await seedOwners(stores());
      const first = await pats().create(newPat(user.id, client.clientId));
      const error = await pats()
        .create(newPat(user.id, client.clientId, { digest: first.digest }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).field).toBe('token');
    });

    it('never returns an expired or revoked token', async () => {
      const { client, user } = await seedOwners(stores());
      const expired = await pats().create(
        newPat(user.id, client.clientId, { expiresAt: new Date(Date.now() - 1000) }),
      );
      const revoked = await pats().create(newPat(user.id, client.clientId));
      await pats().revoke(revoked.id);
      for (const t of [expired, revoked]) {
        expect(await pats().get(t.id)).toBeUndefined();
        expect(await pats().findByDigest(t.digest)).toBeUndefined();
      }
      expect((await pats().list({ limit: 10, userId: user.id })).items).toEqual([]);
      expect(await pats().revoke(expired.id)).toBe(false);
    });

    it('filters by user, client, unusedSince, neverUsed and expiringBefore', async () => {
      const { client, user } = await seedOwners(stores());
      const { client: otherClient } = await seedOwners(stores());
      const never = await pats().create(newPat(user.id, client.clientId));
      const usedLongAgo = await pats().create(
        newPat(user.id, client.clientId, { expiresAt: minutesFromNow(30) }),
      );
      const usedRecently = await pats().create(
        newPat(user.id, otherClient.clientId, { expiresAt: minutesFromNow(90) }),
      );
      await pats().touch(usedLongAgo.id, new Date(Date.now() - 10 * 86_400_000));
      await pats().touch(usedRecently.id, new Date());
      const ids = async (filter: object) =>
        (await pats().list({ limit: 50, userId: user.id, ...filter })).items
          .map((t) => t.id)
          .sort();
      const sorted = (...list: { id: string }[]) => list.map((t) => t.id).sort();

      expect(await ids({})).toEqual(sorted(never, usedLongAgo, usedRecently));
      expect(await ids({ clientId: otherClient.clientId })).toEqual(sorted(usedRecently));
      const onlyClient = await pats().list({ limit: 50, clientId: client.clientId });
      expect(onlyClient.items.map((t) => t.id).sort()).toEqual(sorted(never, usedLongAgo));
      expect(await ids({ unusedSince: new Date(Date.now() - 86_400_000) })).toEqual(
        sorted(never, usedLongAgo),
      );
      expect(await ids({ neverUsed: true })).toEqual(sorted(never));
      expect(await ids({ neverUsed: false })).toEqual(sorted(usedLongAgo, usedRecently));
      expect(await ids({ expiringBefore: minutesFromNow(60) })).toEqual(sorted(usedLongAgo));
    });

    it('pages without skipping or repeating while tokens are created', async () => {
      const { client, user } = await seedOwners(stores());
      const existing: string[] = [];
      for (let i = 0; i < 9; i++)
        existing.push((await pats().create(newPat(user.id, client.clientId))).id);
      const seen = await walkPages(
        (cursor) => pats().list({ limit: 2, userId: user.id, cursor }),
        (t) => t.id,
        async () => void (await pats().create(newPat(user.id, client.clientId))),
      );
      expectEachOnce(seen, existing);
    });

    it('revokes one, many, by client and by user, counting live tokens only', async () => {
      const { client, user } = await seedOwners(stores());
      const { client: otherClient, user: otherUser } = await seedOwners(stores());
      const make = (u: string, c: string) => pats().create(newPat(u, c));
      const [a, b, c] = [
        await make(user.id, client.clientId),
        await make(user.id, client.clientId),
        await make(user.id, client.clientId),
      ];
      expect(await pats().revoke(a.id)).toBe(true);
      expect(await pats().revoke(a.id)).toBe(false);
      expect(await pats().revoke(uid('pat'))).toBe(false);
      expect(await pats().revokeMany([a.id, b.id, c.id, uid('pat')])).toBe(2);
      expect(await pats().revokeMany([])).toBe(0);

      await make(user.id, client.clientId);
      await make(user.id, otherClient.clientId);
      await make(otherUser.id, client.clientId);
      expect(await pats().revokeForClient(client.clientId)).toBe(2);
      expect(await pats().revokeForUser(user.id)).toBe(1);
      expect(await pats().revokeForUser(otherUser.id)).toBe(0);
      expect(await pats().revokeForClient(otherClient.clientId)).toBe(0);
    });

    it('records use with touch', async () => {
      const { client, user } = await seedOwners(stores());
      const token = await pats().create(newPat(user.id, client.clientId));
      const at = new Date(Date.now() - 5000);
      await pats().touch(token.id, at);
      expect((await pats().get(token.id))?.lastUsedAt?.getTime()).toBe(at.getTime());
      const later = new Date();
      await pats().touch(token.id, later);
      expect((await pats().findByDigest(token.digest))?.lastUsedAt?.getTime()).toBe(
        later.getTime(),
      );
    });
  });
}
