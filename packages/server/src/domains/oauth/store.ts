// The ports the OAuth domain needs from storage: authorization codes, consents and login
// sessions. Codes and session ids are stored only as SHA-256 digests (hex).
import type { Page, PageRequest } from '../../lib/page.js';

export interface AuthorizationCodeRecord {
  digest: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scope: string;
  /** RFC 7636; null when the client sent no challenge. Only S256 is accepted. */
  codeChallenge: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type NewAuthorizationCode = Omit<AuthorizationCodeRecord, 'createdAt'>;

export interface AuthorizationCodeStore {
  insert(code: NewAuthorizationCode): Promise<AuthorizationCodeRecord>;
  /**
   * Redeems a code exactly once, recording the grant it is exchanged for, as one atomic
   * operation. The first caller gets `{ won: true }`; every later caller gets `{ won: false }`
   * with the grant id recorded by the winner, so a replay can revoke what was issued
   * (RFC 6749 §4.1.2). undefined for an unknown code; an expired code is never redeemed
   * (undefined) but a replay of a redeemed one is still reported after it expires.
   */
  redeem(
    digest: string,
    grantId: string,
    now: Date,
  ): Promise<
    { won: true; code: AuthorizationCodeRecord } | { won: false; grantId: string } | undefined
  >;
}

/** A user's remembered consent for one client. */
export interface ConsentRecord {
  userId: string;
  clientId: string;
  /** Space-separated scopes granted so far. */
  scope: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConsentStore {
  /** Creates or replaces the consent's scope; keeps createdAt. */
  upsert(userId: string, clientId: string, scope: string): Promise<ConsentRecord>;
  get(userId: string, clientId: string): Promise<ConsentRecord | undefined>;
  /** Ordered by (createdAt, clientId). */
  listForUser(userId: string, page: PageRequest): Promise<Page<ConsentRecord>>;
  delete(userId: string, clientId: string): Promise<boolean>;
  /** Withdraws every user's consent to one client; returns the count. */
  deleteForClient(clientId: string): Promise<number>;
}

export interface LoginSessionRecord {
  /** SHA-256 of the session cookie's value. */
  digest: string;
  userId: string;
  /** Per-session CSRF secret; forms carry a token derived from it. */
  csrfSecret: string;
  createdAt: Date;
  expiresAt: Date;
}

export type NewLoginSession = Omit<LoginSessionRecord, 'createdAt'>;

export interface LoginSessionStore {
  create(session: NewLoginSession): Promise<LoginSessionRecord>;
  /** Never returns an expired session. */
  get(digest: string): Promise<LoginSessionRecord | undefined>;
  delete(digest: string): Promise<boolean>;
  /** Ends every session of a user (a new password, a disabled account); returns the count. */
  deleteForUser(userId: string): Promise<number>;
}
