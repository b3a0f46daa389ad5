// The audit trail: who did what, when, from where. Filter by event type and date.
import { useAuditEvents } from '@latchkey/react-hooks';
import type { AuditEvent } from '@latchkey/sdk';
import { useId, useState } from 'react';
import { CardTable } from '../components/card-table.js';
import { ListStatus, loadedRows, Pager } from '../components/list-status.js';
import { Empty, Page } from '../components/page.js';
import { formatDateTime } from '../lib/format.js';
import { useDebounced } from '../lib/hooks.js';

const COMMON_TYPES = [
  'client.created',
  'client.updated',
  'client.deleted',
  'client.secret_rotated',
  'client.tokens_revoked',
  'pat.created',
  'pat.revoked',
  'pat.rotated',
  'login.succeeded',
  'login.failed',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.deleted',
  'signing_key.rotated',
];

export function AuditPage() {
  const [type, setType] = useState('');
  const [since, setSince] = useState('');
  const typeId = useId();
  const sinceId = useId();
  const listId = useId();
  const typeFilter = useDebounced(type.trim());
  const events = useAuditEvents({
    limit: 50,
    ...(typeFilter ? { type: typeFilter } : {}),
    ...(since ? { since: new Date(`${since}T00:00:00`).toISOString() } : {}),
  });
  const rows = loadedRows(events);

  return (
    <Page
      title="Audit log"
      description="Every change to clients, users, tokens and keys, newest first. Secrets are never recorded."
    >
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={typeId}>Event type</label>
          <input
            id={typeId}
            list={listId}
            value={type}
            placeholder="e.g. client.deleted"
            spellCheck={false}
            onChange={(event) => setType(event.target.value)}
          />
          <datalist id={listId}>
            {COMMON_TYPES.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </div>
        <div className="field field-inline">
          <label htmlFor={sinceId}>Since</label>
          <input
            id={sinceId}
            type="date"
            value={since}
            onChange={(event) => setSince(event.target.value)}
          />
        </div>
      </div>

      <ListStatus
        query={events}
        count={rows.length}
        empty={<Empty title="No events match these filters." />}
      />
      <CardTable
        caption="Audit events"
        columns={['When', 'Event', 'By', 'About', 'From']}
        rows={rows}
      >
        {(event) => <EventRow key={event.id} event={event} />}
      </CardTable>
      <Pager query={events} label="Load older events" />
    </Page>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const details = Object.keys(event.details).length > 0;
  return (
    <tr>
      <td data-label="When">{formatDateTime(event.created_at)}</td>
      <td data-label="Event">
        <span className="badge">{event.type}</span>
        {details ? (
          <details className="event-details">
            <summary>Details</summary>
            <pre>{JSON.stringify(event.details, null, 2)}</pre>
          </details>
        ) : null}
      </td>
      <td data-label="By">
        {event.actor.name ?? event.actor.id ?? <span className="muted">{event.actor.type}</span>}
        {event.actor.type !== 'user' ? (
          <span className="muted small"> ({event.actor.type})</span>
        ) : null}
      </td>
      <td data-label="About">
        {event.target ? (
          <>
            <span className="muted">{event.target.type}</span> <code>{event.target.id}</code>
          </>
        ) : (
          '—'
        )}
      </td>
      <td data-label="From">{event.ip ?? '—'}</td>
    </tr>
  );
}
