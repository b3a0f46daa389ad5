// ClientStore contract: CRUD, unique client id, filters and keyset pagination.
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, InvalidCursorError } from '../../lib/store-errors.js';
import {
  expectBetween,
  expectEachOnce,
  newClient,
  sleep,
  uid,
  useStores,
  walkPages,
  type OpenStores,
} from './fixtures.js';

export function clientStoreContract(open: OpenStores): void {
  describe('ClientStore', () => {
    const stores = useStores(open);

    it('creates a client, sets its timestamps and reads it back unchanged', async () => {
      const input = newClient({
        description: 'Ünïcode description',
        previousSecretDigest: 'old-digest',
        previousSecretExpiresAt: new Date('2031-05-06T07:08:09.123Z'),
        accessTokenLifetime: 600,
        personalAccessTokensEnabled: true,
      });
      const start = new Date();
      const created = await stores().clients.create(input);
      const end = new Date();
      expectBetween(created.createdAt, start, end);
      expect(created.updatedAt.getTime()).toBe(created.createdAt.getTime());
      expect(created).toEqual({
        ...input,
        tokenGeneration: 0,
        createdAt: created.createdAt,
        updatedAt: created.updatedAt,
      });
      expect(await stores().clients.get(input.clientId)).toEqual(created);
      expect(await stores().clients.get(uid('cl'))).toBeUndefined();
    });

    it('rejects a taken client id with DuplicateKeyError(client_id)', async () => {
      const client = newClient();
      await stores().clients.create(client);
      const error = await stores()
        .clients.create({ ...client, clientName: 'Other' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).field).toBe('client_id');
    });

    it('updates only the given fields and moves updatedAt', async () => {
      const created = await stores().clients.create(newClient({ description: 'before' }));
      await sleep(5);
      const updated = await stores().clients.update(created.clientId, {
        clientName: 'Renamed',
        redirectUris: ['https://new.example/cb'],
        description: undefined,
        skipConsent: true,
      });
      expect(updated).toMatchObject({
        clientName: 'Renamed',
        description: 'before',
        skipConsent: true,
      });
      expect(updated?.redirectUris).toEqual(['https://new.example/cb']);
      expect(updated?.createdAt.getTime()).toBe(created.createdAt.getTime());
      expect(updated!.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
      expect(await stores().clients.get(created.clientId)).toEqual(updated);
      const cleared = await stores().clients.update(created.clientId, { description: null });
      expect(cleared?.description).toBeNull();
      expect(await stores().clients.update(uid('cl'), { clientName: 'x' })).toBeUndefined();
    });

    it('starts at token generation 0 and moves it on by one, for that client only', async () => {
      const a = await stores().clients.create(newClient());
      const b = await stores().clients.create(newClient());
      expect(a.tokenGeneration).toBe(0);
      expect(await stores().clients.nextTokenGeneration(a.clientId)).toBe(true);
      expect(await stores().clients.nextTokenGeneration(a.clientId)).toBe(true);
      expect((await stores().clients.get(a.clientId))?.tokenGeneration).toBe(2);
      expect((await stores().clients.get(b.clientId))?.tokenGeneration).toBe(0);
      expect(await stores().clients.nextTokenGeneration('no-such-client')).toBe(false);
    });

    it('deletes a client once', async () => {
      const { clientId } = await stores().clients.create(newClient());
      expect(await stores().clients.delete(clientId)).toBe(true);
      expect(await stores().clients.get(clientId)).toBeUndefined();
      expect(await stores().clients.delete(clientId)).toBe(false);
    });

    it('filters by a case-insensitive name substring, literally', async () => {
      const tag = uid('Tag');
      const match = await stores().clients.create(
        newClient({ clientName: `Billing ${tag} (v1.2)` }),
      );
      await stores().clients.create(newClient({ clientName: `Billing ${tag}-v1x2` }));
      await stores().clients.create(newClient({ clientName: 'Unrelated' }));
      const page = await stores().clients.list({ limit: 10, name: `${tag.toUpperCase()} (V1.2` });
      expect(page.items.map((c) => c.clientId)).toEqual([match.clientId]);
      const both = await stores().clients.list({ limit: 10, name: tag.toLowerCase() });
      expect(both.items).toHaveLength(2);
    });

    it('filters by grant type', async () => {
      const tag = uid('gt');
      const password = await stores().clients.create(
        newClient({ clientName: tag, grantTypes: ['password', 'refresh_token'] }),
      );
      await stores().clients.create(
        newClient({ clientName: tag, grantTypes: ['authorization_code'] }),
      );
      const page = await stores().clients.list({ limit: 10, name: tag, grantType: 'password' });
      expect(page.items.map((c) => c.clientId)).toEqual([password.clientId]);
      expect(
        (await stores().clients.list({ limit: 10, name: tag, grantType: 'client_credentials' }))
          .items,
      ).toEqual([]);
    });

    it('pages in (createdAt, clientId) order without skipping or repeating while rows are inserted', async () => {
      const tag = uid('page');
      const existing: string[] = [];
      for (let i = 0; i < 13; i++)
        existing.push((await stores().clients.create(newClient({ clientName: tag }))).clientId);
      const seen = await walkPages(
        (cursor) => stores().clients.list({ limit: 4, name: tag, cursor }),
        (c) => c.clientId,
        async () => {
          await stores().clients.create(newClient({ clientName: tag }));
          await stores().clients.create(newClient({ clientName: tag }));
        },
      );
      expectEachOnce(seen, existing);
    });

    it('rejects a cursor it did not write', async () => {
      await expect(
        stores().clients.list({ limit: 5, cursor: 'not-a-cursor' }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
