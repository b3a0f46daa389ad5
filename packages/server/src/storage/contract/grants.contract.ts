// GrantStore contract: a grant is readable until it expires; revocation counts live grants only.
import { describe, expect, it } from 'vitest';
import type { NewGrant } from '../../domains/tokens/store.js';
import {
  expectBetween,
  minutesFromNow,
  newUser,
  seedOwners,
  uid,
  useStores,
  type OpenStores,
} from './fixtures.js';

export const newGrant = (
  clientId: string,
  userId: string | null,
  overrides: Partial<NewGrant> = {},
): NewGrant => ({
  id: uid('gr'),
  clientId,
  userId,
  scope: 'read',
  expiresAt: minutesFromNow(60),
  ...overrides,
});

export function grantStoreContract(open: OpenStores): void {
  describe('GrantStore', () => {
    const stores = useStores(open);

    it('creates a grant and reads it back', async () => {
      const { client, user } = await seedOwners(stores());
      const input = newGrant(client.clientId, user.id);
      const start = new Date();
      const created = await stores().grants.create(input);
      expectBetween(created.createdAt, start, new Date());
      expect(created).toEqual({ ...input, createdAt: created.createdAt, revokedAt: null });
      expect(await stores().grants.get(input.id)).toEqual(created);
      const machine = await stores().grants.create(newGrant(client.clientId, null));
      expect((await stores().grants.get(machine.id))?.userId).toBeNull();
      expect(await stores().grants.get(uid('gr'))).toBeUndefined();
    });

    it('never returns or revokes an expired grant', async () => {
      const { client, user } = await seedOwners(stores());
      const expired = await stores().grants.create(
        newGrant(client.clientId, user.id, { expiresAt: new Date(Date.now() - 1000) }),
      );
      expect(await stores().grants.get(expired.id)).toBeUndefined();
      expect(await stores().grants.revoke(expired.id)).toBe(false);
      expect(await stores().grants.revokeForClient(client.clientId)).toBe(0);
    });

    it('revokes a grant once and still returns it, revoked', async () => {
      const { client, user } = await seedOwners(stores());
      const grant = await stores().grants.create(newGrant(client.clientId, user.id));
      const start = new Date();
      expect(await stores().grants.revoke(grant.id)).toBe(true);
      expect(await stores().grants.revoke(grant.id)).toBe(false);
      expect(await stores().grants.revoke(uid('gr'))).toBe(false);
      const revoked = await stores().grants.get(grant.id);
      expectBetween(revoked!.revokedAt!, start, new Date());
    });

    it('revokes by user and client, by client and by user, counting live grants only', async () => {
      const { client, user } = await seedOwners(stores());
      const { client: otherClient } = await seedOwners(stores());
      const otherUser = await stores().users.create(newUser());
      const g = (c: string, u: string | null, o: Partial<NewGrant> = {}) =>
        stores().grants.create(newGrant(c, u, o));
      await g(client.clientId, user.id);
      await g(client.clientId, user.id);
      await g(client.clientId, otherUser.id);
      await g(client.clientId, null);
      await g(otherClient.clientId, user.id);
      await g(client.clientId, user.id, { expiresAt: new Date(Date.now() - 1000) });
      const alreadyRevoked = await g(client.clientId, user.id);
      await stores().grants.revoke(alreadyRevoked.id);

      expect(await stores().grants.revokeForUserAndClient(user.id, client.clientId)).toBe(2);
      expect(await stores().grants.revokeForUserAndClient(user.id, client.clientId)).toBe(0);
      expect(await stores().grants.revokeForClient(client.clientId)).toBe(2);
      expect(await stores().grants.revokeForUser(user.id)).toBe(1);
      expect(await stores().grants.revokeForUser(otherUser.id)).toBe(0);
    });
  });
}
