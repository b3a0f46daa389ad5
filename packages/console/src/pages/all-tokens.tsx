// Every user's personal access tokens (administrators): find the ones unused for N days and
// revoke them in bulk. The seed's advice: delete old tokens periodically and have them recreated.
import {
  useAllPersonalAccessTokens,
  useBulkRevokePersonalAccessTokens,
} from '@latchkey/react-hooks';
import { useId, useMemo, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { CardTable } from '../components/card-table.js';
import { ListStatus, loadedRows, Pager } from '../components/list-status.js';
import { Alert, Empty, Page } from '../components/page.js';
import { formatDate, formatRelative } from '../lib/format.js';

const UNUSED = [0, 30, 60, 90, 180, 365];

export function AllTokensPage() {
  const [days, setDays] = useState(90);
  const [neverUsed, setNeverUsed] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const unusedId = useId();
  const neverId = useId();
  // Computed once per choice, so the query key (and cache) stays put while the page is open.
  const unusedSince = useMemo(
    () => (days ? new Date(Date.now() - days * 86_400_000).toISOString() : undefined),
    [days],
  );
  const tokens = useAllPersonalAccessTokens({
    limit: 50,
    ...(unusedSince ? { unused_since: unusedSince } : {}),
    ...(neverUsed ? { never_used: true } : {}),
  });
  const bulk = useBulkRevokePersonalAccessTokens();
  const rows = loadedRows(tokens);
  const visibleSelected = rows.filter((row) => selected.has(row.id));
  const allSelected = rows.length > 0 && visibleSelected.length === rows.length;

  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const changeFilter = (apply: () => void) => {
    apply();
    setSelected(new Set());
  };

  return (
    <Page
      title="All tokens"
      description="Personal access tokens of every user. Revoke the ones nobody uses; their owners can create new ones."
    >
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={unusedId}>Unused for</label>
          <select
            id={unusedId}
            value={days}
            onChange={(event) => changeFilter(() => setDays(Number(event.target.value)))}
          >
            {UNUSED.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'Any time' : `${n} days or more`}
              </option>
            ))}
          </select>
        </div>
        <div className="check">
          <input
            id={neverId}
            type="checkbox"
            checked={neverUsed}
            onChange={(event) => changeFilter(() => setNeverUsed(event.target.checked))}
          />
          <label htmlFor={neverId}>Never used</label>
        </div>
        <div className="toolbar-end">
          <button
            type="button"
            className="btn btn-danger"
            disabled={visibleSelected.length === 0}
            onClick={() => setConfirming(true)}
          >
            Revoke selected ({visibleSelected.length})
          </button>
        </div>
      </div>

      <ListStatus
        query={tokens}
        count={rows.length}
        empty={<Empty title="No token matches these filters." />}
      />
      <CardTable
        caption="Personal access tokens of every user"
        columns={['Name', 'Owner', 'Client', 'Last used', 'Created', 'Expires']}
        lead={
          <th scope="col" className="col-check">
            <input
              type="checkbox"
              aria-label="Select every token shown"
              checked={allSelected}
              onChange={(event) =>
                setSelected(event.target.checked ? new Set(rows.map((row) => row.id)) : new Set())
              }
            />
          </th>
        }
        rows={rows}
      >
        {(token) => (
          <tr key={token.id} className={selected.has(token.id) ? 'selected' : undefined}>
            <td className="col-check">
              <input
                type="checkbox"
                aria-label={`Select ${token.name}`}
                checked={selected.has(token.id)}
                onChange={(event) => toggle(token.id, event.target.checked)}
              />
            </td>
            <td data-label="Name">
              <strong>{token.name}</strong>
              <div className="muted small">
                <code>{token.token_hint}</code>
              </div>
            </td>
            <td data-label="Owner">
              <code>{token.user_id}</code>
            </td>
            <td data-label="Client">
              <code>{token.client_id}</code>
            </td>
            <td data-label="Last used">
              {token.last_used_at ? (
                formatRelative(token.last_used_at)
              ) : (
                <span className="muted">Never</span>
              )}
            </td>
            <td data-label="Created">{formatDate(token.created_at)}</td>
            <td data-label="Expires">
              {token.expires_at ? formatDate(token.expires_at) : 'Never'}
            </td>
          </tr>
        )}
      </CardTable>
      <Pager
        query={tokens}
        status={
          tokens.isSuccess ? `Showing ${rows.length} token${rows.length === 1 ? '' : 's'}` : ''
        }
      />

      <ConfirmDialog
        open={confirming}
        title={`Revoke ${visibleSelected.length} token${visibleSelected.length === 1 ? '' : 's'}?`}
        onClose={() => {
          setConfirming(false);
          bulk.reset();
        }}
        confirmLabel="Revoke tokens"
        pendingLabel="Revoking…"
        pending={bulk.isPending}
        error={bulk.error}
        onConfirm={() =>
          bulk.mutate(
            visibleSelected.map((token) => token.id),
            {
              onSuccess: ({ revoked }) => {
                setNotice(`Revoked ${revoked} token${revoked === 1 ? '' : 's'}.`);
                setSelected(new Set());
                setConfirming(false);
              },
            },
          )
        }
      >
        <p>Scripts using these tokens stop working at once. Their owners can create new tokens.</p>
        <ul className="plain-list">
          {visibleSelected.slice(0, 8).map((token) => (
            <li key={token.id}>
              {token.name} <span className="muted">({token.user_id})</span>
            </li>
          ))}
          {visibleSelected.length > 8 ? (
            <li className="muted">and {visibleSelected.length - 8} more</li>
          ) : null}
        </ul>
      </ConfirmDialog>
    </Page>
  );
}
