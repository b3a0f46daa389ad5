// The signed-in user's personal access tokens: create (shown once), rotate (shown once), revoke.
import {
  useCreatePersonalAccessToken,
  usePersonalAccessTokens,
  useRevokePersonalAccessToken,
  useRotatePersonalAccessToken,
} from '@latchkey/react-hooks';
import type { PersonalAccessToken, PersonalAccessTokenWithSecret } from '@latchkey/sdk';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { Dialog } from '../components/dialog.js';
import { CardTable } from '../components/card-table.js';
import { ListStatus, loadedRows, Pager } from '../components/list-status.js';
import { Alert, Empty, Page } from '../components/page.js';
import { SecretReveal } from '../components/secret.js';
import { TokenForm } from '../components/token-form.js';
import { formatDate, formatRelative } from '../lib/format.js';

type Action = { kind: 'create' } | { kind: 'revoke' | 'rotate'; token: PersonalAccessToken };

export function MyTokensPage() {
  const tokens = usePersonalAccessTokens({ limit: 50 });
  const create = useCreatePersonalAccessToken();
  const revoke = useRevokePersonalAccessToken();
  const rotate = useRotatePersonalAccessToken();
  const [action, setAction] = useState<Action | null>(null);
  const [shown, setShown] = useState<{
    title: string;
    token: PersonalAccessTokenWithSecret;
  } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formId = useId();
  const rows = loadedRows(tokens);
  const close = () => {
    setAction(null);
    create.reset();
    revoke.reset();
    rotate.reset();
  };

  return (
    <Page
      title="My tokens"
      description="Personal access tokens let your scripts call the API as you. They never expire unless you choose a date."
      actions={
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setAction({ kind: 'create' })}
        >
          New token
        </button>
      }
    >
      {shown ? (
        <SecretReveal label={shown.title} value={shown.token.token}>
          <p className="hint">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </SecretReveal>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <ListStatus
        query={tokens}
        count={rows.length}
        empty={
          <Empty title="You have no personal access tokens.">
            <p>Create one for a script or a command-line tool.</p>
          </Empty>
        }
      />
      <CardTable
        caption="Your personal access tokens"
        columns={['Name', 'Token', 'Scopes', 'Last used', 'Expires']}
        actions
        rows={rows}
      >
        {(token) => (
          <tr key={token.id}>
            <td data-label="Name">
              <strong>{token.name}</strong>
              <div className="muted small">
                {token.client_id} · created {formatDate(token.created_at)}
              </div>
            </td>
            <td data-label="Token">
              <code>{token.token_hint}</code>
            </td>
            <td data-label="Scopes">{token.scope || <span className="muted">none</span>}</td>
            <td data-label="Last used">
              {token.last_used_at ? (
                formatRelative(token.last_used_at)
              ) : (
                <span className="muted">Never</span>
              )}
            </td>
            <td data-label="Expires">
              {token.expires_at ? formatDate(token.expires_at) : 'Never'}
            </td>
            <td className="row-actions">
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Rotate ${token.name}`}
                onClick={() => setAction({ kind: 'rotate', token })}
              >
                Rotate
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={`Revoke ${token.name}`}
                onClick={() => setAction({ kind: 'revoke', token })}
              >
                Revoke
              </button>
            </td>
          </tr>
        )}
      </CardTable>
      <Pager query={tokens} />

      <Dialog
        open={action?.kind === 'create'}
        title="New personal access token"
        onClose={close}
        actions={
          <>
            <button type="button" className="btn" onClick={close}>
              Cancel
            </button>
            <button
              type="submit"
              form={formId}
              className="btn btn-primary"
              disabled={create.isPending}
            >
              {create.isPending ? 'Creating…' : 'Create token'}
            </button>
          </>
        }
      >
        {action?.kind === 'create' ? (
          <TokenForm
            formId={formId}
            error={create.error}
            onSubmit={(body) =>
              create.mutate(body, {
                onSuccess: (token) => {
                  setShown({ title: `Token “${token.name}”`, token });
                  setNotice(null);
                  close();
                },
              })
            }
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={action?.kind === 'revoke'}
        title={action?.kind === 'revoke' ? `Revoke “${action.token.name}”?` : 'Revoke'}
        onClose={close}
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (action?.kind !== 'revoke') return;
          const { token } = action;
          revoke.mutate(token.id, {
            onSuccess: () => {
              setNotice(`Revoked “${token.name}”.`);
              if (shown?.token.id === token.id) setShown(null);
              close();
            },
          });
        }}
      >
        <p>Anything using this token stops working at once.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'rotate'}
        title={action?.kind === 'rotate' ? `Rotate “${action.token.name}”?` : 'Rotate'}
        onClose={close}
        confirmLabel="Rotate token"
        pendingLabel="Rotating…"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() => {
          if (action?.kind !== 'rotate') return;
          rotate.mutate(action.token.id, {
            onSuccess: (token) => {
              setShown({ title: `New value of “${token.name}”`, token });
              setNotice(null);
              close();
            },
          });
        }}
      >
        <p>The token gets a new value, shown once. The current value stops working at once.</p>
      </ConfirmDialog>
    </Page>
  );
}
