// Browser login sessions: a random cookie whose SHA-256 digest is stored, a per-session CSRF
// secret for the forms, and a pre-session CSRF cookie for the login form itself.
import { randomSecret, sha256 } from '../../lib/crypto.js';
import type { Cookie } from '../../lib/operation.js';
import type { UserRecord } from '../users/store.js';
import { mac, tokenMatches } from './csrf.js';
import type { LoginSessionRecord, LoginSessionStore } from './store.js';

export const SESSION_COOKIE = 'latchkey_session';
export const LOGIN_CSRF_COOKIE = 'latchkey_csrf';
const SESSION_SECONDS = 12 * 3600;
const FORM = 'form';
const LOGIN_FORM = 'login';

export interface SignedIn {
  session: LoginSessionRecord;
  user: UserRecord;
  /** The CSRF token the session's forms carry. */
  csrfToken: string;
}

type Cookies = Readonly<Record<string, string>>;

export class LoginSessions {
  constructor(
    private readonly store: LoginSessionStore,
    private readonly activeUser: (id: string) => Promise<UserRecord | undefined>,
  ) {}

  /** The signed-in user, if the cookie names a live session of an enabled user. */
  async current(cookies: Cookies): Promise<SignedIn | undefined> {
    const value = cookies[SESSION_COOKIE];
    if (!value) return undefined;
    const session = await this.store.get(sha256(value));
    if (!session) return undefined;
    const user = await this.activeUser(session.userId);
    if (!user) return undefined;
    return { session, user, csrfToken: mac(session.csrfSecret, FORM) };
  }

  /** A new session (never a reused id: no session fixation) and its cookie. */
  async start(userId: string): Promise<Cookie> {
    const value = randomSecret();
    await this.store.create({
      digest: sha256(value),
      userId,
      csrfSecret: randomSecret(),
      expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000),
    });
    return { name: SESSION_COOKIE, value, maxAgeSeconds: SESSION_SECONDS };
  }

  /** Ends the session named by the cookie; returns the cookies that clear it. */
  async end(cookies: Cookies): Promise<Cookie[]> {
    const value = cookies[SESSION_COOKIE];
    if (value) await this.store.delete(sha256(value));
    return [{ name: SESSION_COOKIE, value: '', maxAgeSeconds: 0 }];
  }

  static formTokenValid(signedIn: SignedIn, presented: unknown): boolean {
    return tokenMatches(presented, signedIn.session.csrfSecret, FORM);
  }

  /** The login form's CSRF token, and the cookie to set when the browser has none yet. */
  static loginCsrf(cookies: Cookies): { token: string; cookie: Cookie | undefined } {
    const existing = cookies[LOGIN_CSRF_COOKIE];
    const secret = existing && existing.length >= 32 ? existing : randomSecret();
    return {
      token: mac(secret, LOGIN_FORM),
      cookie: secret === existing ? undefined : { name: LOGIN_CSRF_COOKIE, value: secret },
    };
  }

  static loginCsrfValid(cookies: Cookies, presented: unknown): boolean {
    return tokenMatches(presented, cookies[LOGIN_CSRF_COOKIE], LOGIN_FORM);
  }
}
