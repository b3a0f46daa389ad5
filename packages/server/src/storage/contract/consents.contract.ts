// ConsentStore contract: one consent per (user, client), upserted; listed per user.
import { describe, expect, it } from 'vitest';
import {
  expectBetween,
  expectEachOnce,
  newClient,
  newUser,
  sleep,
  useStores,
  walkPages,
  type OpenStores,
} from './fixtures.js';

export function consentStoreContract(open: OpenStores): void {
  describe('ConsentStore', () => {
    const stores = useStores(open);

    it('creates a consent, then replaces its scope keeping createdAt', async () => {
      const user = await stores().users.create(newUser());
      const client = await stores().clients.create(newClient());
      const start = new Date();
      const first = await stores().consents.upsert(user.id, client.clientId, 'read');
      expectBetween(first.createdAt, start, new Date());
      expect(first).toEqual({
        userId: user.id,
        clientId: client.clientId,
        scope: 'read',
        createdAt: first.createdAt,
        updatedAt: first.createdAt,
      });
      expect(await stores().consents.get(user.id, client.clientId)).toEqual(first);
      await sleep(5);
      const second = await stores().consents.upsert(user.id, client.clientId, 'read write');
      expect(second.scope).toBe('read write');
      expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
      expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      expect(await stores().consents.get(user.id, client.clientId)).toEqual(second);
    });

    it("withdraws every user's consent to one client, and no other", async () => {
      const [alice, bob] = await Promise.all([
        stores().users.create(newUser()),
        stores().users.create(newUser()),
      ]);
      const [doomed, kept] = await Promise.all([
        stores().clients.create(newClient()),
        stores().clients.create(newClient()),
      ]);
      await stores().consents.upsert(alice.id, doomed.clientId, 'read');
      await stores().consents.upsert(bob.id, doomed.clientId, 'read');
      await stores().consents.upsert(alice.id, kept.clientId, 'read');
      expect(await stores().consents.deleteForClient(doomed.clientId)).toBe(2);
      expect(await stores().consents.get(bob.id, doomed.clientId)).toBeUndefined();
      expect(await stores().consents.get(alice.id, kept.clientId)).toBeDefined();
    });

    it('deletes a consent once', async () => {
      const user = await stores().users.create(newUser());
      const client = await stores().clients.create(newClient());
      await stores().consents.upsert(user.id, client.clientId, 'read');
      expect(await stores().consents.delete(user.id, client.clientId)).toBe(true);
      expect(await stores().consents.get(user.id, client.clientId)).toBeUndefined();
      expect(await stores().consents.delete(user.id, client.clientId)).toBe(false);
    });

    it('lists one user’s consents without skipping or repeating while more are given', async () => {
      const user = await stores().users.create(newUser());
      const other = await stores().users.create(newUser());
      const give = async (userId: string) => {
        const client = await stores().clients.create(newClient());
        await stores().consents.upsert(userId, client.clientId, 'read');
        return client.clientId;
      };
      const existing: string[] = [];
      for (let i = 0; i < 7; i++) existing.push(await give(user.id));
      await give(other.id);
      const seen = await walkPages(
        (cursor) => stores().consents.listForUser(user.id, { limit: 3, cursor }),
        (c) => c.clientId,
        async () => void (await give(user.id)),
      );
      expectEachOnce(seen, existing);
      expect(seen).toHaveLength(new Set(seen).size);
      const all = await stores().consents.listForUser(user.id, { limit: 100 });
      expect(all.items.every((c) => c.userId === user.id)).toBe(true);
    });
  });
}
