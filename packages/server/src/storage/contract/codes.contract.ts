// AuthorizationCodeStore contract: single use, replay reports the winner's grant (RFC 6749 §4.1.2).
import { describe, expect, it } from 'vitest';
import type { NewAuthorizationCode } from '../../domains/oauth/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import type { Stores } from '../index.js';
import {
  digest,
  expectBetween,
  minutesFromNow,
  seedOwners,
  uid,
  useStores,
  type OpenStores,
} from './fixtures.js';

export async function issueCode(
  stores: Stores,
  clientId: string,
  userId: string,
  overrides: Partial<NewAuthorizationCode> = {},
) {
  const input: NewAuthorizationCode = {
    digest: digest(),
    clientId,
    userId,
    redirectUri: 'https://app.example/callback',
    scope: 'read',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    expiresAt: minutesFromNow(1),
    ...overrides,
  };
  return { input, code: await stores.authorizationCodes.insert(input) };
}

export function authorizationCodeStoreContract(open: OpenStores): void {
  describe('AuthorizationCodeStore', () => {
    const stores = useStores(open);
    const codes = () => stores().authorizationCodes;

    it('redeems a code once and reports the winner’s grant to a replay', async () => {
      const { client, user } = await seedOwners(stores());
      const start = new Date();
      const { input, code } = await issueCode(stores(), client.clientId, user.id, {
        codeChallenge: null,
      });
      expectBetween(code.createdAt, start, new Date());
      expect(code).toEqual({ ...input, createdAt: code.createdAt });
      expect(await codes().redeem(input.digest, 'gr_winner', new Date())).toEqual({
        won: true,
        code,
      });
      expect(await codes().redeem(input.digest, 'gr_replay', new Date())).toEqual({
        won: false,
        grantId: 'gr_winner',
      });
      expect(await codes().redeem(digest(), 'gr_x', new Date())).toBeUndefined();
    });

    it(
      'lets exactly one of 50 concurrent callers redeem, and every loser learns its grant',
      { timeout: 30_000 },
      async () => {
        const { client, user } = await seedOwners(stores());
        const { input } = await issueCode(stores(), client.clientId, user.id);
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => codes().redeem(input.digest, `gr_${i}`, new Date())),
        );
        const winners = results.flatMap((r, i) => (r?.won ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const r of results) {
          if (r && !r.won) expect(r.grantId).toBe(`gr_${winners[0]}`);
          else expect(r?.won).toBe(true);
        }
      },
    );

    it('never redeems an expired code, but still reports a replay after expiry', async () => {
      const { client, user } = await seedOwners(stores());
      const { input: expired } = await issueCode(stores(), client.clientId, user.id, {
        expiresAt: new Date(Date.now() - 1000),
      });
      expect(await codes().redeem(expired.digest, uid('gr'), new Date())).toBeUndefined();
      expect(await codes().redeem(expired.digest, uid('gr'), new Date())).toBeUndefined();

      const { input } = await issueCode(stores(), client.clientId, user.id);
      await codes().redeem(input.digest, 'gr_first', new Date());
      expect(await codes().redeem(input.digest, 'gr_late', minutesFromNow(5))).toEqual({
        won: false,
        grantId: 'gr_first',
      });
    });

    it('rejects a digest collision with DuplicateKeyError', async () => {
      const { client, user } = await seedOwners(stores());
      const { input } = await issueCode(stores(), client.clientId, user.id);
      await expect(codes().insert(input)).rejects.toBeInstanceOf(DuplicateKeyError);
    });
  });
}
