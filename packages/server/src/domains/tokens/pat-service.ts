// Personal access tokens as users and administrators manage them: created for a client that
// allows them, shown once, listed without secrets, revoked and rotated at once.
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  type FieldError,
} from '../../errors.js';
import type { PersonalAccessTokenCreate } from '../../generated/index.js';
import type { Principal } from '../../lib/operation.js';
import type { AuditContext, AuditLog } from '../audit/index.js';
import type { ClientStore } from '../clients/store.js';
import { parseScope, type ScopeRegistry } from '../scopes/index.js';
import { patExpiry, patScopeProblems } from './pat-rules.js';
import type { PersonalAccessTokens } from './personal-access-tokens.js';
import type { PersonalAccessTokenRecord, PersonalAccessTokenStore } from './store.js';

export interface PatDeps {
  config: { patMaxLifetimeDays: number | undefined };
  stores: { clients: ClientStore; personalAccessTokens: PersonalAccessTokenStore };
  pats: PersonalAccessTokens;
  audit: AuditLog;
  scopes: ScopeRegistry;
}

type Issued = { token: string; record: PersonalAccessTokenRecord };
const target = (id: string) => ({ type: 'personal_access_token', id });

export class PatService {
  constructor(private readonly deps: PatDeps) {}

  async create(
    principal: Principal,
    input: PersonalAccessTokenCreate,
    context: AuditContext,
  ): Promise<Issued> {
    const client = await this.deps.stores.clients.get(input.client_id);
    const problems: FieldError[] = [];
    if (!client) {
      problems.push({ pointer: '/client_id', detail: 'no such client' });
    } else if (!client.personalAccessTokensEnabled) {
      problems.push({ pointer: '/client_id', detail: 'does not allow personal access tokens' });
    } else {
      problems.push(...patScopeProblems(input.scope, client, principal, this.deps.scopes));
    }
    const expiry = patExpiry(input.expires_at, this.deps.config.patMaxLifetimeDays);
    if ('problem' in expiry) problems.push(expiry.problem);
    if (problems.length > 0 || !client || 'problem' in expiry) {
      throw new InvalidRequestError('The personal access token request is invalid.', problems);
    }
    if (await this.nameTaken(principal.userId, input.name)) {
      throw new ConflictError(`You already have a token named ${input.name}.`, [
        { pointer: '/name', detail: 'is already taken' },
      ]);
    }
    const issued = await this.deps.pats.create({
      userId: principal.userId,
      clientId: client.clientId,
      name: input.name,
      scope: parseScope(input.scope).join(' '),
      expiresAt: expiry.expiresAt,
    });
    await this.audited('pat.created', context, issued.record);
    return issued;
  }

  /** One of the caller's own tokens; anyone else's is "not found". */
  async getOwn(principal: Principal, id: string): Promise<PersonalAccessTokenRecord> {
    const record = await this.deps.stores.personalAccessTokens.get(id);
    if (!record || record.userId !== principal.userId) throw notFound(id);
    return record;
  }

  async getAny(id: string): Promise<PersonalAccessTokenRecord> {
    const record = await this.deps.stores.personalAccessTokens.get(id);
    if (!record) throw notFound(id);
    return record;
  }

  async revoke(record: PersonalAccessTokenRecord, context: AuditContext): Promise<void> {
    if (!(await this.deps.stores.personalAccessTokens.revoke(record.id))) throw notFound(record.id);
    this.deps.pats.forget(record);
    await this.audited('pat.revoked', context, record);
  }

  /** Revokes the live tokens among `ids`; unknown or revoked ones are skipped. */
  async revokeMany(ids: string[], context: AuditContext): Promise<number> {
    const store = this.deps.stores.personalAccessTokens;
    const live = (await Promise.all(ids.map((id) => store.get(id)))).filter((r) => !!r);
    const revoked = await store.revokeMany(live.map((r) => r.id));
    this.deps.pats.forgetAll();
    for (const record of live) {
      await this.audited('pat.revoked', context, record, { bulk: true });
    }
    return revoked;
  }

  /** A new secret with the same name, client, scope and expiry; the old one stops at once. */
  async rotate(
    principal: Principal,
    old: PersonalAccessTokenRecord,
    context: AuditContext,
  ): Promise<Issued> {
    if (old.expiresAt && old.expiresAt.getTime() <= Date.now()) {
      throw new NotFoundError('No such personal access token.');
    }
    const beyond = parseScope(old.scope).filter((s) => !principal.scopes.has(s));
    if (beyond.length > 0) {
      throw new ForbiddenError(`Rotating this token needs a credential with ${beyond.join(' ')}.`);
    }
    const issued = await this.deps.pats.create({
      userId: old.userId,
      clientId: old.clientId,
      name: old.name,
      scope: old.scope,
      expiresAt: old.expiresAt,
    });
    await this.deps.stores.personalAccessTokens.revoke(old.id);
    this.deps.pats.forget(old);
    await this.audited('pat.rotated', context, old, { new_token_id: issued.record.id });
    return issued;
  }

  private async nameTaken(userId: string, name: string): Promise<boolean> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.stores.personalAccessTokens.list({ userId, limit: 100, cursor });
      if (page.items.some((t) => t.name === name)) return true;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return false;
  }

  private async audited(
    type: string,
    context: AuditContext,
    record: PersonalAccessTokenRecord,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.deps.audit.record(type, context, target(record.id), {
      name: record.name,
      user_id: record.userId,
      client_id: record.clientId,
      scope: record.scope,
      ...extra,
    });
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No personal access token with id ${id}.`);
}
