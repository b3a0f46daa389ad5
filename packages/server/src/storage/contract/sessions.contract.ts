// LoginSessionStore contract: sessions by digest, never expired.
import { describe, expect, it } from 'vitest';
import {
  digest,
  expectBetween,
  minutesFromNow,
  newUser,
  useStores,
  type OpenStores,
} from './fixtures.js';

export function loginSessionStoreContract(open: OpenStores): void {
  describe('LoginSessionStore', () => {
    const stores = useStores(open);

    it('creates, reads and deletes a session', async () => {
      const user = await stores().users.create(newUser());
      const input = {
        digest: digest(),
        userId: user.id,
        csrfSecret: digest(),
        expiresAt: minutesFromNow(30),
      };
      const start = new Date();
      const created = await stores().sessions.create(input);
      expectBetween(created.createdAt, start, new Date());
      expect(created).toEqual({ ...input, createdAt: created.createdAt });
      expect(await stores().sessions.get(input.digest)).toEqual(created);
      expect(await stores().sessions.delete(input.digest)).toBe(true);
      expect(await stores().sessions.get(input.digest)).toBeUndefined();
      expect(await stores().sessions.delete(input.digest)).toBe(false);
    });

    it("ends every session of one user, and no one else's", async () => {
      const [user, other] = await Promise.all([
        stores().users.create(newUser()),
        stores().users.create(newUser()),
      ]);
      const open = (userId: string) =>
        stores().sessions.create({
          digest: digest(),
          userId,
          csrfSecret: digest(),
          expiresAt: minutesFromNow(30),
        });
      const [a, b, c] = await Promise.all([open(user.id), open(user.id), open(other.id)]);
      expect(await stores().sessions.deleteForUser(user.id)).toBe(2);
      expect(await stores().sessions.get(a.digest)).toBeUndefined();
      expect(await stores().sessions.get(b.digest)).toBeUndefined();
      expect(await stores().sessions.get(c.digest)).toEqual(c);
    });

    it('never returns an expired session', async () => {
      const user = await stores().users.create(newUser());
      const input = {
        digest: digest(),
        userId: user.id,
        csrfSecret: digest(),
        expiresAt: new Date(Date.now() - 1000),
      };
      await stores().sessions.create(input);
      expect(await stores().sessions.get(input.digest)).toBeUndefined();
    });
  });
}
