// Deleting a client or a user takes everything issued to it (ClientStore.delete, UserStore.delete),
// and nothing else.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../index.js';
import { issueCode } from './codes.contract.js';
import {
  digest,
  minutesFromNow,
  newClient,
  newUser,
  uid,
  useStores,
  type OpenStores,
} from './fixtures.js';
import { newGrant } from './grants.contract.js';

/** One of everything for (client, user); `redeemed` is a code already exchanged. */
async function issueAll(stores: Stores, clientId: string, userId: string) {
  const fresh = await issueCode(stores, clientId, userId);
  const redeemed = await issueCode(stores, clientId, userId);
  await stores.authorizationCodes.redeem(redeemed.input.digest, uid('gr'), new Date());
  const grant = await stores.grants.create(newGrant(clientId, userId));
  const refresh = await stores.refreshTokens.insert({
    digest: digest(),
    grantId: grant.id,
    clientId,
    userId,
    scope: 'read',
    expiresAt: minutesFromNow(60),
  });
  const pat = await stores.personalAccessTokens.create({
    id: uid('pat'),
    userId,
    clientId,
    name: 'cli',
    scope: 'read',
    digest: digest(),
    hint: 'lk_pat_…0000',
    expiresAt: null,
  });
  await stores.consents.upsert(userId, clientId, 'read');
  return {
    clientId,
    userId,
    code: fresh.input.digest,
    redeemed: redeemed.input.digest,
    grant: grant.id,
    refresh: refresh.digest,
    pat: pat.id,
  };
}

type Issued = Awaited<ReturnType<typeof issueAll>>;

async function expectGone(stores: Stores, issued: Issued): Promise<void> {
  expect(
    await stores.authorizationCodes.redeem(issued.code, uid('gr'), new Date()),
  ).toBeUndefined();
  expect(
    await stores.authorizationCodes.redeem(issued.redeemed, uid('gr'), new Date()),
  ).toBeUndefined();
  expect(await stores.grants.get(issued.grant)).toBeUndefined();
  expect(await stores.refreshTokens.find(issued.refresh)).toBeUndefined();
  expect(await stores.refreshTokens.rotate(issued.refresh, new Date())).toBeUndefined();
  expect(await stores.personalAccessTokens.get(issued.pat)).toBeUndefined();
  expect(await stores.consents.get(issued.userId, issued.clientId)).toBeUndefined();
}

async function expectIntact(stores: Stores, issued: Issued): Promise<void> {
  expect((await stores.grants.get(issued.grant))?.revokedAt).toBeNull();
  expect((await stores.refreshTokens.find(issued.refresh))?.rotatedAt).toBeNull();
  expect(await stores.personalAccessTokens.get(issued.pat)).toBeDefined();
  expect(await stores.consents.get(issued.userId, issued.clientId)).toBeDefined();
  expect(
    (await stores.authorizationCodes.redeem(issued.redeemed, uid('gr'), new Date()))?.won,
  ).toBe(false);
  expect((await stores.authorizationCodes.redeem(issued.code, uid('gr'), new Date()))?.won).toBe(
    true,
  );
}

export function cascadeContract(open: OpenStores): void {
  describe('Cascading deletes', () => {
    const stores = useStores(open);

    it('deleting a client removes its codes, grants, refresh tokens, PATs and consents only', async () => {
      const s = stores();
      const [doomed, kept] = [
        await s.clients.create(newClient()),
        await s.clients.create(newClient()),
      ];
      const user = await s.users.create(newUser());
      const session = {
        digest: digest(),
        userId: user.id,
        csrfSecret: digest(),
        expiresAt: minutesFromNow(30),
      };
      await s.sessions.create(session);
      const gone = await issueAll(s, doomed.clientId, user.id);
      const other = await issueAll(s, kept.clientId, user.id);

      expect(await s.clients.delete(doomed.clientId)).toBe(true);
      await expectGone(s, gone);
      await expectIntact(s, other);
      expect(await s.users.get(user.id)).toBeDefined();
      expect(await s.sessions.get(session.digest)).toBeDefined();
    });

    it('deleting a user removes their codes, grants, refresh tokens, PATs, consents and sessions only', async () => {
      const s = stores();
      const client = await s.clients.create(newClient());
      const [doomed, kept] = [await s.users.create(newUser()), await s.users.create(newUser())];
      const session = (userId: string) => ({
        digest: digest(),
        userId,
        csrfSecret: digest(),
        expiresAt: minutesFromNow(30),
      });
      const [doomedSession, keptSession] = [session(doomed.id), session(kept.id)];
      await s.sessions.create(doomedSession);
      await s.sessions.create(keptSession);
      const machineGrant = await s.grants.create(newGrant(client.clientId, null));
      const gone = await issueAll(s, client.clientId, doomed.id);
      const other = await issueAll(s, client.clientId, kept.id);

      expect(await s.users.delete(doomed.id)).toBe(true);
      await expectGone(s, gone);
      expect(await s.sessions.get(doomedSession.digest)).toBeUndefined();
      await expectIntact(s, other);
      expect(await s.sessions.get(keptSession.digest)).toBeDefined();
      expect(await s.grants.get(machineGrant.id)).toBeDefined();
      expect(await s.clients.get(client.clientId)).toBeDefined();
    });
  });
}
