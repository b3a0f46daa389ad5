// One client: what it may do, and the actions on it (edit, rotate the secret, delete).
import {
  describeAuthError,
  useClient,
  useDeleteClient,
  useRotateClientSecret,
} from '@latchkey/react-hooks';
import { isApiError, type ClientSecretRotation } from '@latchkey/sdk';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { setNotice } from '../components/notice.js';
import { Alert, Loading, Page } from '../components/page.js';
import { SecretReveal } from '../components/secret.js';
import {
  AUTH_METHOD_LABELS,
  GRANT_LABELS,
  formatDateTime,
  formatLifetime,
  isPublic,
} from '../lib/format.js';
import { useNotice } from '../lib/hooks.js';
import { Link, navigate, path } from '../router.js';

const CONSOLE_CLIENT = 'latchkey-console';

const GRACE_PERIODS = [
  { seconds: 0, label: 'Immediately' },
  { seconds: 3_600, label: 'After 1 hour' },
  { seconds: 86_400, label: 'After 1 day' },
  { seconds: 604_800, label: 'After 7 days' },
];

export function ClientDetailPage({ clientId }: { clientId: string }) {
  const client = useClient(clientId);
  const notice = useNotice();
  const [dialog, setDialog] = useState<'delete' | 'rotate' | null>(null);
  const [grace, setGrace] = useState(0);
  const [rotation, setRotation] = useState<ClientSecretRotation | null>(null);
  const graceId = useId();
  const remove = useDeleteClient();
  const rotate = useRotateClientSecret();

  if (client.isPending) return <Loading />;
  if (client.isError) {
    const missing = isApiError(client.error) && client.error.status === 404;
    return (
      <Page title={missing ? 'Client not found' : 'Client'}>
        <Alert>
          {missing
            ? 'There is no client with this ID. It may have been deleted.'
            : describeAuthError(client.error)}
        </Alert>
        <p>
          <Link to={path('/clients')}>Back to clients</Link>
        </p>
      </Page>
    );
  }

  const c = client.data;
  const confidential = !isPublic(c.token_endpoint_auth_method);
  const isConsole = c.client_id === CONSOLE_CLIENT;
  const closeDialog = () => {
    setDialog(null);
    remove.reset();
    rotate.reset();
  };

  return (
    <Page
      title={c.client_name}
      description={c.description ?? undefined}
      actions={
        <>
          <Link to={path(`/clients/${encodeURIComponent(c.client_id)}/edit`)} className="btn">
            Edit
          </Link>
          {confidential ? (
            <button type="button" className="btn" onClick={() => setDialog('rotate')}>
              Rotate secret
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-danger"
            disabled={isConsole}
            title={
              isConsole ? 'The console’s own client cannot be deleted from the console' : undefined
            }
            onClick={() => setDialog('delete')}
          >
            Delete
          </button>
        </>
      }
    >
      <p className="breadcrumb">
        <Link to={path('/clients')}>← All clients</Link>
      </p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {isConsole ? (
        <Alert tone="warning">
          This is the console’s own client. Changing its redirect URL or grants can lock you out of
          the console.
        </Alert>
      ) : null}
      {rotation ? (
        <SecretReveal label="New client secret" value={rotation.client_secret}>
          <p className="hint">
            {rotation.previous_secret_expires_at
              ? `The previous secret keeps working until ${formatDateTime(rotation.previous_secret_expires_at)}.`
              : 'The previous secret no longer works.'}
          </p>
        </SecretReveal>
      ) : null}

      <section className="card">
        <h2>Details</h2>
        <dl className="details">
          <dt>Client ID</dt>
          <dd>
            <code>{c.client_id}</code>
          </dd>
          <dt>Type</dt>
          <dd>{AUTH_METHOD_LABELS[c.token_endpoint_auth_method]}</dd>
          {confidential ? (
            <>
              <dt>Secret</dt>
              <dd>
                {c.client_secret_hint ? (
                  <code>…{c.client_secret_hint}</code>
                ) : (
                  <span className="muted">None yet: rotate to issue one.</span>
                )}
              </dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd>{formatDateTime(c.created_at)}</dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(c.updated_at)}</dd>
        </dl>
      </section>

      <section className="card">
        <h2>How it gets tokens</h2>
        <dl className="details">
          <dt>Authorization code</dt>
          <dd>
            {c.grant_types.includes('authorization_code') ? (
              <>
                Enabled
                <ul className="plain-list">
                  {c.redirect_uris.map((uri) => (
                    <li key={uri}>
                      <code>{uri}</code>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              'Off'
            )}
          </dd>
          {(['refresh_token', 'password', 'client_credentials'] as const).map((grant) => (
            <FlagRow key={grant} label={GRANT_LABELS[grant]} on={c.grant_types.includes(grant)} />
          ))}
          <FlagRow label="Personal access tokens" on={c.personal_access_tokens_enabled} />
          <FlagRow label="Skips the consent page" on={c.skip_consent} />
          <dt>Scopes</dt>
          <dd>
            {c.scope ? (
              <ul className="badges">
                {c.scope.split(' ').map((scope) => (
                  <li key={scope} className="badge">
                    {scope}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          <dt>Access-token lifetime</dt>
          <dd>{formatLifetime(c.access_token_lifetime, 'Server default')}</dd>
          <dt>Refresh-token lifetime</dt>
          <dd>{formatLifetime(c.refresh_token_lifetime, 'Server default')}</dd>
        </dl>
      </section>

      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete “${c.client_name}”?`}
        onClose={closeDialog}
        confirmLabel="Delete client"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(c.client_id, {
            onSuccess: () => {
              setNotice(`Deleted “${c.client_name}”.`);
              setDialog(null);
              navigate(path('/clients'));
            },
          })
        }
      >
        <p>
          Every access token, refresh token, personal access token and consent issued to this client
          stops working at once. This cannot be undone.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === 'rotate'}
        title="Rotate the client secret?"
        onClose={closeDialog}
        confirmLabel="Rotate secret"
        pendingLabel="Rotating…"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(
            { clientId: c.client_id, grace_period_seconds: grace },
            {
              onSuccess: (result) => {
                setRotation(result);
                setDialog(null);
              },
            },
          )
        }
      >
        <p>
          A new secret is issued and shown once. Update the app before the old one stops working.
        </p>
        <div className="field">
          <label htmlFor={graceId}>The current secret stops working</label>
          <select
            id={graceId}
            value={grace}
            onChange={(event) => setGrace(Number(event.target.value))}
          >
            {GRACE_PERIODS.map((option) => (
              <option key={option.seconds} value={option.seconds}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </ConfirmDialog>
    </Page>
  );
}

function FlagRow({ label, on }: { label: string; on: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{on ? 'Enabled' : <span className="muted">Off</span>}</dd>
    </>
  );
}
