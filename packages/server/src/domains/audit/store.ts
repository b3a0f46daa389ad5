// The port the audit domain needs from storage: an append-only event log.
import type { Page, PageRequest } from '../../lib/page.js';

export interface AuditEventRecord {
  id: string;
  /** e.g. client.created, login.failed, refresh_token.reuse_detected */
  type: string;
  actor: { type: 'user' | 'client' | 'system'; id: string | null; name: string | null };
  target: { type: string; id: string } | null;
  ip: string | null;
  userAgent: string | null;
  /** Never a secret. */
  details: Record<string, unknown>;
  createdAt: Date;
}

export type NewAuditEvent = Omit<AuditEventRecord, 'createdAt'>;

export interface AuditFilter extends PageRequest {
  type?: string | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

export interface AuditStore {
  append(event: NewAuditEvent): Promise<AuditEventRecord>;
  /** Newest first is what people read, but cursor order is (createdAt, id) descending. */
  list(filter: AuditFilter): Promise<Page<AuditEventRecord>>;
}
