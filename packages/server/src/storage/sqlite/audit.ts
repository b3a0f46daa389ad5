// AuditStore over SQLite: append-only; listed newest first by (created_at, id) descending.
import type Database from 'better-sqlite3';
import type { AuditEventRecord, AuditStore } from '../../domains/audit/store.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import {
  afterCursor,
  columns,
  date,
  filteredQuery,
  insertSql,
  ms,
  pageParams,
  withConstraints,
} from './sql.js';

interface AuditRow {
  id: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string;
  created_at: number;
}

const toRow = (e: AuditEventRecord): AuditRow => ({
  id: e.id,
  type: e.type,
  actor_type: e.actor.type,
  actor_id: e.actor.id,
  actor_name: e.actor.name,
  target_type: e.target?.type ?? null,
  target_id: e.target?.id ?? null,
  ip: e.ip,
  user_agent: e.userAgent,
  details: JSON.stringify(e.details),
  created_at: ms(e.createdAt),
});

const fromRow = (r: AuditRow): AuditEventRecord => ({
  id: r.id,
  type: r.type,
  actor: {
    type: r.actor_type as AuditEventRecord['actor']['type'],
    id: r.actor_id,
    name: r.actor_name,
  },
  target:
    r.target_type === null || r.target_id === null
      ? null
      : { type: r.target_type, id: r.target_id },
  ip: r.ip,
  userAgent: r.user_agent,
  details: JSON.parse(r.details) as Record<string, unknown>,
  createdAt: date(r.created_at),
});

const COLUMNS = columns<AuditRow>({
  id: true,
  type: true,
  actor_type: true,
  actor_id: true,
  actor_name: true,
  target_type: true,
  target_id: true,
  ip: true,
  user_agent: true,
  details: true,
  created_at: true,
});

interface ListParams {
  type: string | null;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  since: number | null;
  until: number | null;
  after_created: number | null;
  after_id: string | null;
  limit: number;
}

export function sqliteAuditStore(db: Database.Database): AuditStore {
  const insert = db.prepare<AuditRow>(insertSql('audit_events', COLUMNS));
  // Descending keyset: rows strictly before the cursor position.
  const list = filteredQuery<ListParams, AuditRow>(
    db,
    (where) => `SELECT * FROM audit_events ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`,
    {
      type: 'type = @type',
      actor_id: 'actor_id = @actor_id',
      target_type: 'target_type = @target_type',
      target_id: 'target_id = @target_id',
      since: 'created_at >= @since',
      until: 'created_at < @until',
      after_created: afterCursor('id', '<'),
    },
  );

  return {
    async append(event) {
      const row = toRow({ ...event, createdAt: new Date() });
      withConstraints({ unique: { 'audit_events.id': 'id' } }, () => insert.run(row));
      return fromRow(row);
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const rows = list({
        type: filter.type ?? null,
        actor_id: filter.actorId ?? null,
        target_type: filter.targetType ?? null,
        target_id: filter.targetId ?? null,
        since: filter.since ? ms(filter.since) : null,
        until: filter.until ? ms(filter.until) : null,
        ...pageParams(cursorPosition(filter.cursor), limit),
      });
      return toPage(rows.map(fromRow), limit, (e) => e.id);
    },
  };
}
