// Username and password checks shared by the login form and the password grant: argon2id off
// the event loop, equal time for unknown users, per-account lockout, audit of each outcome.
import type { AuditContext, AuditLog } from '../audit/index.js';
import { verifyPassword } from '../../lib/passwords.js';
import type { UserRecord, UserStore } from '../users/store.js';

export type CredentialCheck =
  | { ok: true; user: UserRecord }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export interface LoginContext extends AuditContext {
  via: 'login_form' | 'password_grant';
  clientId?: string | undefined;
}

export class Credentials {
  constructor(
    private readonly users: UserStore,
    private readonly audit: AuditLog,
    private readonly lockout: { threshold: number; seconds: number },
  ) {}

  async check(username: string, password: string, context: LoginContext): Promise<CredentialCheck> {
    const user = await this.users.getByUsername(username);
    const details = {
      via: context.via,
      ...(context.clientId ? { client_id: context.clientId } : {}),
    };
    const target = user ? { type: 'user', id: user.id } : null;
    const lockedFor = secondsUntil(user?.lockedUntil);
    if (lockedFor > 0) {
      await this.audit.record('login.failed', context, target, { ...details, reason: 'locked' });
      return { ok: false, reason: 'locked', retryAfterSeconds: lockedFor };
    }
    if (!(await verifyPassword(user?.passwordHash ?? null, password))) {
      await this.audit.record('login.failed', context, target, { ...details, reason: 'invalid' });
      return user ? this.countFailure(user, context) : { ok: false, reason: 'invalid' };
    }
    if (user!.disabled) {
      await this.audit.record('login.failed', context, target, { ...details, reason: 'disabled' });
      return { ok: false, reason: 'disabled' };
    }
    if (user!.failedLogins > 0 || user!.lockedUntil) await this.users.clearFailedLogins(user!.id);
    const actor = { type: 'user' as const, id: user!.id, name: user!.username };
    await this.audit.record('login.succeeded', context, target, details, actor);
    return { ok: true, user: user! };
  }

  /** Counts a failure; the one that reaches the threshold locks the account. */
  private async countFailure(user: UserRecord, context: LoginContext): Promise<CredentialCheck> {
    const until = new Date(Date.now() + this.lockout.seconds * 1000);
    const updated = await this.users.recordFailedLogin(user.id, this.lockout.threshold, until);
    const lockedFor = secondsUntil(updated?.lockedUntil);
    if (lockedFor <= 0) return { ok: false, reason: 'invalid' };
    await this.audit.record(
      'account.locked',
      context,
      { type: 'user', id: user.id },
      {
        via: context.via,
        locked_until: updated!.lockedUntil!.toISOString(),
      },
    );
    return { ok: false, reason: 'locked', retryAfterSeconds: lockedFor };
  }
}

function secondsUntil(date: Date | null | undefined): number {
  return date ? Math.max(0, Math.ceil((date.getTime() - Date.now()) / 1000)) : 0;
}
