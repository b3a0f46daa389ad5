// The ports the tokens domain needs from storage: grants (token families), refresh tokens and
// personal access tokens. Secrets are stored only as SHA-256 digests (hex).
import type { Page, PageRequest } from '../../lib/page.js';

/**
 * A grant is one family of tokens issued from one authorization (a code exchange, a password or
 * client-credentials request). Access tokens carry its id; revoking it revokes them all.
 */
export interface GrantRecord {
  id: string;
  clientId: string;
  /** null for client_credentials. */
  userId: string | null;
  scope: string;
  createdAt: Date;
  /** Absolute end of the family: refresh rotation never extends it. */
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface RefreshTokenRecord {
  digest: string;
  grantId: string;
  clientId: string;
  userId: string | null;
  scope: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set once, when the token is exchanged for a new one. */
  rotatedAt: Date | null;
}

export type NewGrant = Omit<GrantRecord, 'createdAt' | 'revokedAt'>;
export type NewRefreshToken = Omit<RefreshTokenRecord, 'createdAt' | 'rotatedAt'>;

export interface GrantStore {
  create(grant: NewGrant): Promise<GrantRecord>;
  /** Returns revoked grants too (callers check revokedAt); never an expired one. */
  get(id: string): Promise<GrantRecord | undefined>;
  /** Marks the grant revoked; false when unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Revokes every live grant of the client for this user (a consent withdrawn); returns the count. */
  revokeForUserAndClient(userId: string, clientId: string): Promise<number>;
  /** Revokes every live grant of a client; returns the count. */
  revokeForClient(clientId: string): Promise<number>;
  /** Revokes every live grant of a user; returns the count. */
  revokeForUser(userId: string): Promise<number>;
}

export interface RefreshTokenStore {
  /** Throws DuplicateKeyError('refresh_token') on a digest collision. */
  insert(token: NewRefreshToken): Promise<RefreshTokenRecord>;
  /** Never returns an expired token. */
  find(digest: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Consume-once, as one atomic operation: sets rotatedAt if it was null and the token has not
   * expired. `won` is true for exactly one caller; a loser gets the record to detect reuse.
   */
  rotate(
    digest: string,
    now: Date,
  ): Promise<{ won: boolean; token: RefreshTokenRecord } | undefined>;
}

export interface PersonalAccessTokenRecord {
  id: string;
  userId: string;
  clientId: string;
  name: string;
  scope: string;
  digest: string;
  /** e.g. "lk_pat_…a1b2" */
  hint: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export type NewPersonalAccessToken = Omit<
  PersonalAccessTokenRecord,
  'createdAt' | 'lastUsedAt' | 'revokedAt'
>;

export interface PersonalAccessTokenFilter extends PageRequest {
  userId?: string | undefined;
  clientId?: string | undefined;
  /** Not used since this time, including never used. */
  unusedSince?: Date | undefined;
  neverUsed?: boolean | undefined;
  expiringBefore?: Date | undefined;
}

export interface PersonalAccessTokenStore {
  /** Throws DuplicateKeyError('token') on a digest collision. */
  create(token: NewPersonalAccessToken): Promise<PersonalAccessTokenRecord>;
  /** Live tokens only: never a revoked or expired one. */
  get(id: string): Promise<PersonalAccessTokenRecord | undefined>;
  /** Live tokens only. */
  findByDigest(digest: string): Promise<PersonalAccessTokenRecord | undefined>;
  /** Live tokens only, ordered by (createdAt, id). */
  list(filter: PersonalAccessTokenFilter): Promise<Page<PersonalAccessTokenRecord>>;
  /** False when unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Revokes those of the ids that are live; returns how many. */
  revokeMany(ids: string[]): Promise<number>;
  revokeForClient(clientId: string): Promise<number>;
  revokeForUser(userId: string): Promise<number>;
  /** Records use; callers throttle to one write per token per minute. */
  touch(id: string, at: Date): Promise<void>;
}
