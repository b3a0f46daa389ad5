// GET /api/v1/audit-events (administrators): newest first, filtered and paginated.
import type {
  AuditEvent,
  ListAuditEventsData,
  ListAuditEventsResponses,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { apiPage, dateParam, iso } from '../../lib/present.js';
import type { AuditEventRecord, AuditStore } from './store.js';

export function presentEvent(event: AuditEventRecord): AuditEvent {
  return {
    id: event.id,
    type: event.type,
    actor: event.actor,
    target: event.target,
    ip: event.ip,
    user_agent: event.userAgent,
    details: event.details,
    created_at: iso(event.createdAt),
  };
}

export function auditRoutes(deps: { stores: { audit: AuditStore } }): Routes {
  const listAuditEvents: OperationHandler<ListAuditEventsData, ListAuditEventsResponses> = async ({
    query,
  }) => {
    const page = await deps.stores.audit.list({
      limit: query.limit ?? 20,
      cursor: query.cursor,
      type: query.type,
      actorId: query.actor_id,
      targetType: query.target_type,
      targetId: query.target_id,
      since: dateParam(query.since),
      until: dateParam(query.until),
    });
    return { status: 200, body: apiPage(page, presentEvent) };
  };
  return { listAuditEvents };
}
