// Records audit events: every administrative action and security event, never a secret.
import { randomId } from '../../lib/crypto.js';
import type { Principal } from '../../lib/operation.js';
import type { AuditEventRecord, AuditStore, NewAuditEvent } from './store.js';

export interface AuditContext {
  principal?: Principal | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export class AuditLog {
  constructor(private readonly store: AuditStore) {}

  /**
   * Appends one event. `actor` defaults to the request's principal (a user) or the system.
   * Callers pass only identifiers and non-secret details.
   */
  record(
    type: string,
    context: AuditContext,
    target: NewAuditEvent['target'],
    details: Record<string, unknown> = {},
    actor?: NewAuditEvent['actor'],
  ): Promise<AuditEventRecord> {
    const who = context.principal;
    return this.store.append({
      id: randomId(),
      type,
      actor:
        actor ??
        (who
          ? { type: 'user', id: who.userId, name: who.username }
          : { type: 'system', id: null, name: null }),
      target,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
      details,
    });
  }
}
