// The port the keys domain needs from storage: signing keys shared by every instance.
import type { JWK } from 'jose';

export interface SigningKeyRecord {
  kid: string;
  alg: 'ES256';
  /** Private JWK (d included); never leaves the server. */
  privateJwk: JWK;
  publicJwk: JWK;
  status: 'active' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
  /** A retired key stays published until tokens signed with it have expired. */
  publishUntil: Date | null;
}

export type NewSigningKey = Omit<
  SigningKeyRecord,
  'createdAt' | 'retiredAt' | 'publishUntil' | 'status'
>;

export interface SigningKeyStore {
  /** Newest first; retired keys past publishUntil are left out. */
  list(now: Date): Promise<SigningKeyRecord[]>;
  /**
   * Inserts a new active key and retires every other active key (publishing them until
   * `publishRetiredUntil`). Safe when several instances start at once: see ensureActive.
   */
  rotate(key: NewSigningKey, publishRetiredUntil: Date): Promise<SigningKeyRecord>;
  /**
   * Inserts `key` as the active key only if no active key exists yet, and returns the
   * active key either way (instances starting together agree on one).
   */
  ensureActive(key: NewSigningKey): Promise<SigningKeyRecord>;
}
