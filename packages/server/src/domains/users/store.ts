// The port the users domain needs from storage.
import type { Role } from '../../lib/operation.js';
import type { Page, PageRequest } from '../../lib/page.js';

export interface UserRecord {
  id: string;
  /** Unique, compared case-insensitively. */
  username: string;
  email: string | null;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  /** argon2id encoded hash; null when the user cannot sign in with a password. */
  passwordHash: string | null;
  /** Consecutive failed logins, for the per-account lockout. */
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewUser = Omit<UserRecord, 'createdAt' | 'updatedAt' | 'failedLogins' | 'lockedUntil'>;
export type UserPatch = Partial<
  Pick<UserRecord, 'username' | 'email' | 'displayName' | 'role' | 'disabled' | 'passwordHash'>
>;

export interface UserFilter extends PageRequest {
  /** Case-insensitive substring of username, email or display name. */
  q?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

export interface UserStore {
  /** Throws DuplicateKeyError('username') when the username is taken, in any letter case. */
  create(user: NewUser): Promise<UserRecord>;
  get(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  getByUsername(username: string): Promise<UserRecord | undefined>;
  list(filter: UserFilter): Promise<Page<UserRecord>>;
  count(): Promise<number>;
  /** Sets updatedAt. Throws DuplicateKeyError('username') on a taken username. */
  update(id: string, patch: UserPatch): Promise<UserRecord | undefined>;
  /**
   * Deletes the user and everything issued to them: codes, grants and refresh tokens, personal
   * access tokens, consents and login sessions. The user record goes first.
   */
  delete(id: string): Promise<boolean>;
  /**
   * Atomically counts a failed login; when the count reaches `threshold`, locks the account
   * until `lockUntil` and restarts the count. Returns the updated record.
   */
  recordFailedLogin(
    id: string,
    threshold: number,
    lockUntil: Date,
  ): Promise<UserRecord | undefined>;
  /** Clears the failure count and any lock after a successful login. */
  clearFailedLogins(id: string): Promise<void>;
}
