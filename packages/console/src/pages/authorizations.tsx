// The apps the signed-in user has authorized, and withdrawing that authorization.
import {
  describeAuthError,
  useAuthorizations,
  useRevokeAuthorization,
} from '@latchkey/react-hooks';
import type { Authorization } from '@latchkey/sdk';
import { useState } from 'react';
import { Dialog } from '../components/dialog.js';
import { Alert, Empty, Loading, Page } from '../components/page.js';
import { formatDate } from '../lib/format.js';

const CONSOLE_CLIENT = 'latchkey-console';

export function AuthorizationsPage() {
  const apps = useAuthorizations({ limit: 50 });
  const revoke = useRevokeAuthorization();
  const [target, setTarget] = useState<Authorization | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = apps.data?.pages.flatMap((page) => page.data) ?? [];
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
      {apps.isPending ? <Loading /> : null}
      {apps.isError ? <Alert>{describeAuthError(apps.error)}</Alert> : null}
      {apps.isSuccess && rows.length === 0 ? (
        <Empty title="You have not authorized any application.">
          <p>When an app asks for access and you allow it, it shows up here.</p>
        </Empty>
      ) : null}
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
      {apps.hasNextPage ? (
        <div className="pager">
          <button type="button" className="btn" onClick={() => void apps.fetchNextPage()}>
            Load more
          </button>
        </div>
      ) : null}

      <Dialog
        open={target !== null}
        title={target ? `Revoke access for “${target.client_name}”?` : 'Revoke access'}
        onClose={close}
        actions={
          <>
            <button type="button" className="btn" data-autofocus onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={revoke.isPending}
              onClick={() => {
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
              {revoke.isPending ? 'Revoking…' : 'Revoke access'}
            </button>
          </>
        }
      >
        <p>The app loses its tokens at once and has to ask you again to get new ones.</p>
        {target?.client_id === CONSOLE_CLIENT ? (
          <Alert tone="warning">This is the console itself: you will be signed out here.</Alert>
        ) : null}
        {revoke.error ? <Alert>{describeAuthError(revoke.error)}</Alert> : null}
      </Dialog>
    </Page>
  );
}
