// The apps the signed-in user has authorized, and withdrawing that authorization.
import { useAuthorizations, useRevokeAuthorization } from '@latchkey/react-hooks';
import type { Authorization } from '@latchkey/sdk';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ListStatus, loadedRows, Pager } from '../components/list-status.js';
import { Alert, Empty, Page } from '../components/page.js';
import { formatDate } from '../lib/format.js';

const CONSOLE_CLIENT = 'latchkey-console';

export function AuthorizationsPage() {
  const apps = useAuthorizations({ limit: 50 });
  const revoke = useRevokeAuthorization();
  const [target, setTarget] = useState<Authorization | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = loadedRows(apps);
  const close = () => {
    setTarget(null);
    revoke.reset();
  };

  return (
    <Page
      title="Authorized apps"
      description="Applications you have allowed to act for you, and what they may do."
    >
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <ListStatus
        query={apps}
        count={rows.length}
        empty={
          <Empty title="You have not authorized any application.">
            <p>When an app asks for access and you allow it, it shows up here.</p>
          </Empty>
        }
      />
      {rows.length > 0 ? (
        <ul className="card-list">
          {rows.map((app) => (
            <li key={app.client_id} className="card card-row">
              <div>
                <h2 className="card-title">{app.client_name}</h2>
                <p className="muted small">
                  <code>{app.client_id}</code> · authorized {formatDate(app.created_at)}
                </p>
                <ul className="badges">
                  {app.scope
                    .split(' ')
                    .filter(Boolean)
                    .map((scope) => (
                      <li key={scope} className="badge">
                        {scope}
                      </li>
                    ))}
                </ul>
              </div>
              <button type="button" className="btn btn-danger" onClick={() => setTarget(app)}>
                Revoke access
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Pager query={apps} />

      <ConfirmDialog
        open={target !== null}
        title={target ? `Revoke access for “${target.client_name}”?` : 'Revoke access'}
        onClose={close}
        confirmLabel="Revoke access"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (!target) return;
          const app = target;
          revoke.mutate(app.client_id, {
            onSuccess: () => {
              setNotice(`“${app.client_name}” can no longer act for you.`);
              close();
            },
          });
        }}
      >
        <p>The app loses its tokens at once and has to ask you again to get new ones.</p>
        {target?.client_id === CONSOLE_CLIENT ? (
          <Alert tone="warning">This is the console itself: you will be signed out here.</Alert>
        ) : null}
      </ConfirmDialog>
    </Page>
  );
}
