// UserStore contract: case-insensitive unique usernames, filters, pagination, login lockout.
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import {
  expectBetween,
  expectEachOnce,
  minutesFromNow,
  newUser,
  sleep,
  uid,
  useStores,
  walkPages,
  type OpenStores,
} from './fixtures.js';

export function userStoreContract(open: OpenStores): void {
  describe('UserStore', () => {
    const stores = useStores(open);

    it('creates a user with a clean login record and reads it back', async () => {
      const input = newUser({
        email: 'ada@example.com',
        displayName: 'Ada Lovelace',
        role: 'admin',
      });
      const start = new Date();
      const created = await stores().users.create(input);
      const end = new Date();
      expectBetween(created.createdAt, start, end);
      expect(created.updatedAt.getTime()).toBe(created.createdAt.getTime());
      expect(created).toEqual({
        ...input,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: created.createdAt,
        updatedAt: created.updatedAt,
      });
      expect(await stores().users.get(input.id)).toEqual(created);
      expect(await stores().users.get(uid('usr'))).toBeUndefined();
    });

    it('finds a user by username in any letter case', async () => {
      const created = await stores().users.create(newUser({ username: uid('Grace.Hopper') }));
      expect((await stores().users.getByUsername(created.username.toUpperCase()))?.id).toBe(
        created.id,
      );
      expect((await stores().users.getByUsername(created.username.toLowerCase()))?.id).toBe(
        created.id,
      );
      expect(await stores().users.getByUsername(uid('nobody'))).toBeUndefined();
    });

    it('rejects a username taken in another letter case, on create and on update', async () => {
      const name = uid('Linus');
      await stores().users.create(newUser({ username: name }));
      const onCreate = await stores()
        .users.create(newUser({ username: name.toUpperCase() }))
        .catch((e: unknown) => e);
      expect(onCreate).toBeInstanceOf(DuplicateKeyError);
      expect((onCreate as DuplicateKeyError).field).toBe('username');

      const other = await stores().users.create(newUser());
      const onUpdate = await stores()
        .users.update(other.id, { username: name.toLowerCase() })
        .catch((e: unknown) => e);
      expect(onUpdate).toBeInstanceOf(DuplicateKeyError);
      expect((onUpdate as DuplicateKeyError).field).toBe('username');
      expect((await stores().users.get(other.id))?.username).toBe(other.username);
    });

    it('updates the given fields, keeps the rest, and moves updatedAt', async () => {
      const created = await stores().users.create(
        newUser({ email: 'old@example.com', displayName: 'Old' }),
      );
      await sleep(5);
      const renamed = created.username.toUpperCase(); // a user may change the case of their own name
      const updated = await stores().users.update(created.id, {
        username: renamed,
        displayName: null,
        email: undefined,
        disabled: true,
      });
      expect(updated).toMatchObject({
        username: renamed,
        displayName: null,
        email: 'old@example.com',
        disabled: true,
      });
      expect(updated?.createdAt.getTime()).toBe(created.createdAt.getTime());
      expect(updated!.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
      expect(await stores().users.get(created.id)).toEqual(updated);
      expect((await stores().users.getByUsername(created.username))?.id).toBe(created.id);
      expect(await stores().users.update(uid('usr'), { disabled: true })).toBeUndefined();
    });

    it('counts users', async () => {
      const before = await stores().users.count();
      await stores().users.create(newUser());
      await stores().users.create(newUser());
      expect(await stores().users.count()).toBe(before + 2);
    });

    it('filters by q (username, email or display name, case-insensitive), role and disabled', async () => {
      const tag = uid('Zeta');
      const byName = await stores().users.create(newUser({ username: `${tag}.one` }));
      const byEmail = await stores().users.create(
        newUser({ email: `${tag}@example.com`, role: 'admin' }),
      );
      const byDisplay = await stores().users.create(
        newUser({ displayName: `Dr ${tag}`, disabled: true }),
      );
      await stores().users.create(newUser({ displayName: 'Someone else' }));
      const ids = async (filter: object) =>
        (await stores().users.list({ limit: 50, q: tag.toUpperCase(), ...filter })).items
          .map((u) => u.id)
          .sort();
      expect(await ids({})).toEqual([byName.id, byEmail.id, byDisplay.id].sort());
      expect(await ids({ role: 'admin' })).toEqual([byEmail.id]);
      expect(await ids({ disabled: true })).toEqual([byDisplay.id]);
      expect(await ids({ disabled: false, role: 'member' })).toEqual([byName.id]);
    });

    it('pages without skipping or repeating while users are inserted', async () => {
      const tag = uid('pg');
      const existing: string[] = [];
      for (let i = 0; i < 11; i++)
        existing.push((await stores().users.create(newUser({ displayName: tag }))).id);
      const seen = await walkPages(
        (cursor) => stores().users.list({ limit: 3, q: tag, cursor }),
        (u) => u.id,
        async () => void (await stores().users.create(newUser({ displayName: tag }))),
      );
      expectEachOnce(seen, existing);
    });

    it('counts failed logins, locks at the threshold and restarts the count', async () => {
      const { id } = await stores().users.create(newUser());
      const lockUntil = minutesFromNow(15);
      expect((await stores().users.recordFailedLogin(id, 3, lockUntil))?.failedLogins).toBe(1);
      expect((await stores().users.recordFailedLogin(id, 3, lockUntil))?.failedLogins).toBe(2);
      const locked = await stores().users.recordFailedLogin(id, 3, lockUntil);
      expect(locked).toMatchObject({ failedLogins: 0, lockedUntil: lockUntil });
      expect(await stores().users.get(id)).toMatchObject({
        failedLogins: 0,
        lockedUntil: lockUntil,
      });
      await stores().users.recordFailedLogin(id, 3, lockUntil);
      await stores().users.clearFailedLogins(id);
      expect(await stores().users.get(id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect(await stores().users.recordFailedLogin(uid('usr'), 3, lockUntil)).toBeUndefined();
    });

    it('deletes a user once', async () => {
      const { id } = await stores().users.create(newUser());
      expect(await stores().users.delete(id)).toBe(true);
      expect(await stores().users.get(id)).toBeUndefined();
      expect(await stores().users.delete(id)).toBe(false);
    });
  });
}
