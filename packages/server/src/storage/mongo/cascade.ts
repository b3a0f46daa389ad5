// What deleting a client or a user takes with it. No multi-document transactions (DESIGN.md):
// the owner is deleted first, then these; a crash in between leaves only unusable leftovers
// (their owner is gone) that a repeated delete or the TTL indexes sweep.
import type { Db } from 'mongodb';
import { C } from './collections.js';

const ISSUED = [
  C.authorizationCodes,
  C.codeRedemptions,
  C.grants,
  C.refreshTokens,
  C.refreshRotations,
  C.personalAccessTokens,
  C.consents,
] as const;

export async function deleteIssued(
  db: Db,
  owner: { clientId: string } | { userId: string },
): Promise<void> {
  const names: string[] = [...ISSUED];
  if ('userId' in owner) names.push(C.sessions);
  await Promise.all(names.map((name) => db.collection(name).deleteMany(owner)));
}
