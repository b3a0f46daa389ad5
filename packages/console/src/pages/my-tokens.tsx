// The signed-in user's personal access tokens: create (shown once), rotate (shown once), revoke.
import {
  describeAuthError,
  useCreatePersonalAccessToken,
  usePersonalAccessTokens,
  useRevokePersonalAccessToken,
  useRotatePersonalAccessToken,
} from '@latchkey/react-hooks';
import type { PersonalAccessToken, PersonalAccessTokenWithSecret } from '@latchkey/sdk';
import { useId, useState } from 'react';
import { Dialog } from '../components/dialog.js';
import { Alert, Empty, Loading, Page } from '../components/page.js';
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
  const rows = tokens.data?.pages.flatMap((page) => page.data) ?? [];
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
      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <Alert>{describeAuthError(tokens.error)}</Alert> : null}
      {tokens.isSuccess && rows.length === 0 ? (
        <Empty title="You have no personal access tokens.">
          <p>Create one for a script or a command-line tool.</p>
        </Empty>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-cards">
            <caption className="visually-hidden">Your personal access tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Scopes</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((token) => (
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
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {tokens.hasNextPage ? (
        <div className="pager">
          <button type="button" className="btn" onClick={() => void tokens.fetchNextPage()}>
            Load more
          </button>
        </div>
      ) : null}

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

      <Dialog
        open={action?.kind === 'revoke'}
        title={action?.kind === 'revoke' ? `Revoke “${action.token.name}”?` : 'Revoke'}
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
              {revoke.isPending ? 'Revoking…' : 'Revoke token'}
            </button>
          </>
        }
      >
        <p>Anything using this token stops working at once.</p>
        {revoke.error ? <Alert>{describeAuthError(revoke.error)}</Alert> : null}
      </Dialog>

      <Dialog
        open={action?.kind === 'rotate'}
        title={action?.kind === 'rotate' ? `Rotate “${action.token.name}”?` : 'Rotate'}
        onClose={close}
        actions={
          <>
            <button type="button" className="btn" data-autofocus onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={rotate.isPending}
              onClick={() => {
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
              {rotate.isPending ? 'Rotating…' : 'Rotate token'}
            </button>
          </>
        }
      >
        <p>The token gets a new value, shown once. The current value stops working at once.</p>
        {rotate.error ? <Alert>{describeAuthError(rotate.error)}</Alert> : null}
      </Dialog>
    </Page>
  );
}
