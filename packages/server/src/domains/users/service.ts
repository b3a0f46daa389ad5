// User accounts: unique usernames and emails, at least one active administrator, and every
// token of a disabled or deleted user refused at once. Every change is audited.
import { ConflictError, NotFoundError } from '../../errors.js';
import type { UserCreate, UserUpdate } from '../../generated/index.js';
import { randomId } from '../../lib/crypto.js';
import type { Principal } from '../../lib/operation.js';
import { hashPassword } from '../../lib/passwords.js';
import type { AuditContext } from '../audit/index.js';
import type { UserDeps } from './deps.js';
import type { UserPatch, UserRecord } from './store.js';

const target = (id: string) => ({ type: 'user', id });

export class UserService {
  constructor(private readonly deps: UserDeps) {}

  async get(id: string): Promise<UserRecord> {
    const user = await this.deps.stores.users.get(id);
    if (!user) throw new NotFoundError(`No user with id ${id}.`);
    return user;
  }

  async create(input: UserCreate, context: AuditContext): Promise<UserRecord> {
    if (input.email) await this.ensureEmailFree(input.email);
    const user = await this.deps.stores.users.create({
      id: `usr_${randomId()}`,
      username: input.username,
      email: input.email ?? null,
      displayName: input.display_name ?? null,
      role: input.role ?? 'member',
      disabled: false,
      passwordHash: await hashPassword(input.password),
    });
    await this.deps.audit.record('user.created', context, target(user.id), {
      username: user.username,
      role: user.role,
    });
    return user;
  }

  async update(id: string, input: UserUpdate, context: AuditContext): Promise<UserRecord> {
    const before = await this.get(id);
    if (input.email && input.email.toLowerCase() !== before.email?.toLowerCase()) {
      await this.ensureEmailFree(input.email, id);
    }
    const losesAdmin = input.role === 'member' || input.disabled === true;
    if (before.role === 'admin' && !before.disabled && losesAdmin) {
      await this.ensureAnotherActiveAdmin(id);
    }
    const after = await this.write(id, {
      username: input.username,
      email: input.email,
      displayName: input.display_name,
      role: input.role,
      disabled: input.disabled,
    });
    if (after.disabled && !before.disabled) {
      await this.deps.stores.sessions.deleteForUser(id);
      await this.revokeEverything(id);
      await this.deps.audit.record('user.disabled', context, target(id), {
        username: after.username,
      });
    }
    const changed = Object.keys(input).filter((key) => key !== 'disabled' || !after.disabled);
    if (changed.length > 0) {
      await this.deps.audit.record('user.updated', context, target(id), { changed });
    }
    return after;
  }

  /** The caller's own email and display name. */
  async updateProfile(
    principal: Principal,
    input: { email?: string | null; display_name?: string | null },
    context: AuditContext,
  ): Promise<UserRecord> {
    const before = await this.get(principal.userId);
    if (input.email && input.email.toLowerCase() !== before.email?.toLowerCase()) {
      await this.ensureEmailFree(input.email, before.id);
    }
    const after = await this.write(before.id, {
      email: input.email,
      displayName: input.display_name,
    });
    await this.deps.audit.record('user.updated', context, target(before.id), {
      changed: Object.keys(input),
    });
    return after;
  }

  async delete(principal: Principal, id: string, context: AuditContext): Promise<void> {
    if (id === principal.userId) throw new ConflictError('You cannot delete your own account.');
    const user = await this.get(id);
    if (user.role === 'admin' && !user.disabled) await this.ensureAnotherActiveAdmin(id);
    // The store removes codes, grants, refresh tokens, PATs, consents and sessions with the user.
    if (!(await this.deps.stores.users.delete(id)))
      throw new NotFoundError(`No user with id ${id}.`);
    this.forget(id);
    await this.deps.audit.record('user.deleted', context, target(id), { username: user.username });
  }

  async setPassword(
    id: string,
    password: string,
    context: AuditContext,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.write(id, { passwordHash: await hashPassword(password) });
    // A new password is a fresh start for the per-account lockout too, and ends every
    // browser session signed in with the old one.
    await this.deps.stores.users.clearFailedLogins(id);
    await this.deps.stores.sessions.deleteForUser(id);
    await this.deps.audit.record('user.password_set', context, target(id), details);
  }

  private async write(id: string, patch: UserPatch): Promise<UserRecord> {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const user = await this.deps.stores.users.update(id, defined);
    if (!user) throw new NotFoundError(`No user with id ${id}.`);
    this.deps.revocation.forgetUser(id);
    return user;
  }

  private async revokeEverything(id: string): Promise<void> {
    await Promise.all([
      this.deps.stores.grants.revokeForUser(id),
      this.deps.stores.personalAccessTokens.revokeForUser(id),
    ]);
    this.forget(id);
  }

  private forget(id: string): void {
    this.deps.revocation.forgetUser(id);
    this.deps.pats.forgetAll();
  }

  /** Emails are unique, compared case-insensitively (the store only indexes usernames). */
  private async ensureEmailFree(email: string, exceptId?: string): Promise<void> {
    const wanted = email.toLowerCase();
    let cursor: string | undefined;
    do {
      const page = await this.deps.stores.users.list({ q: wanted, limit: 100, cursor });
      if (page.items.some((u) => u.id !== exceptId && u.email?.toLowerCase() === wanted)) {
        throw new ConflictError(`The email ${email} is already taken.`, [
          { pointer: '/email', detail: 'is already taken' },
        ]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async ensureAnotherActiveAdmin(id: string): Promise<void> {
    const page = await this.deps.stores.users.list({ role: 'admin', disabled: false, limit: 2 });
    if (!page.items.some((u) => u.id !== id)) {
      throw new ConflictError('This is the last active administrator; keep at least one.');
    }
  }
}
