// Clients: search by name, page through, open one, or register a new one.
import { useClients } from '@latchkey/react-hooks';
import { useEffect, useId, useState } from 'react';
import { CardTable } from '../components/card-table.js';
import { ListStatus, loadedRows, Pager } from '../components/list-status.js';
import { Alert, Empty, Page } from '../components/page.js';
import { GRANT_LABELS, formatDate, isPublic } from '../lib/format.js';
import { useDebounced, useNotice } from '../lib/hooks.js';
import { Link, path, useLocation } from '../router.js';

const PAGE_SIZE = 20;

export function ClientsPage() {
  const { search: params } = useLocation();
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const name = useDebounced(search.trim());
  const notice = useNotice();
  const searchId = useId();
  const clients = useClients({ limit: PAGE_SIZE, ...(name ? { name } : {}) });
  const rows = loadedRows(clients);

  // Keep the search in the address, so Back and a reload keep it.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (name) url.searchParams.set('q', name);
    else url.searchParams.delete('q');
    window.history.replaceState(window.history.state, '', url.pathname + url.search);
  }, [name]);

  return (
    <Page
      title="Clients"
      description="Applications allowed to call the API, and how they get their tokens."
      actions={
        <Link to={path('/clients/new')} className="btn btn-primary">
          New client
        </Link>
      }
    >
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={searchId}>Search by name</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder="e.g. Acme"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </div>

      <ListStatus
        query={clients}
        count={rows.length}
        empty={
          <Empty title={name ? `No client matches “${name}”.` : 'No clients yet.'}>
            {name ? null : (
              <p>
                <Link to={path('/clients/new')}>Register the first one.</Link>
              </p>
            )}
          </Empty>
        }
      />
      <CardTable
        caption="Clients"
        columns={['Name', 'Client ID', 'Type', 'Grants', 'Created']}
        rows={rows}
      >
        {(client) => (
          <tr key={client.client_id}>
            <td data-label="Name">
              <Link
                to={path(`/clients/${encodeURIComponent(client.client_id)}`)}
                className="row-link"
              >
                {client.client_name}
              </Link>
            </td>
            <td data-label="Client ID">
              <code>{client.client_id}</code>
            </td>
            <td data-label="Type">
              {isPublic(client.token_endpoint_auth_method) ? 'Public' : 'Confidential'}
            </td>
            <td data-label="Grants">
              <ul className="badges">
                {client.grant_types.map((grant) => (
                  <li key={grant} className="badge">
                    {GRANT_LABELS[grant]}
                  </li>
                ))}
                {client.personal_access_tokens_enabled ? (
                  <li className="badge">Personal access tokens</li>
                ) : null}
              </ul>
            </td>
            <td data-label="Created">{formatDate(client.created_at)}</td>
          </tr>
        )}
      </CardTable>
      <Pager
        query={clients}
        status={
          <>
            {clients.isSuccess
              ? `Showing ${rows.length} client${rows.length === 1 ? '' : 's'}`
              : ''}
            {clients.isFetching && !clients.isPending ? ' · updating…' : ''}
          </>
        }
      />
    </Page>
  );
}
