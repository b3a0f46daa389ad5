// Register a client (then show its secret, once) or edit one.
import {
  describeAuthError,
  useClient,
  useCreateClient,
  useUpdateClient,
} from '@latchkey/react-hooks';
import type { ClientWithSecret } from '@latchkey/sdk';
import { useState } from 'react';
import { ClientForm } from '../components/client-form.js';
import { setNotice } from '../components/notice.js';
import { Alert, Loading, Page } from '../components/page.js';
import { SecretReveal } from '../components/secret.js';
import { Link, navigate, path } from '../router.js';

const detailPath = (clientId: string) => path(`/clients/${encodeURIComponent(clientId)}`);

export function ClientCreatePage() {
  const create = useCreateClient();
  const [created, setCreated] = useState<ClientWithSecret | null>(null);

  if (created) {
    return (
      <Page title="Client created">
        <Alert tone="success" title={`“${created.client_name}” is registered.`}>
          <p>
            Client ID: <code data-testid="created-client-id">{created.client_id}</code>
          </p>
        </Alert>
        {created.client_secret ? (
          <SecretReveal label="Client secret" value={created.client_secret} />
        ) : (
          <p>This is a public client: it has no secret and signs users in with PKCE.</p>
        )}
        <div className="form-actions">
          <Link to={detailPath(created.client_id)} className="btn btn-primary">
            View client
          </Link>
          <Link to={path('/clients')} className="btn">
            Back to clients
          </Link>
        </div>
      </Page>
    );
  }

  return (
    <Page
      title="New client"
      description="Register an application and choose how it gets its access tokens."
    >
      <ClientForm
        submitLabel="Create client"
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: setCreated })}
        onCancel={() => navigate(path('/clients'))}
      />
    </Page>
  );
}

export function ClientEditPage({ clientId }: { clientId: string }) {
  const client = useClient(clientId);
  const update = useUpdateClient();

  if (client.isPending) return <Loading />;
  if (client.isError) {
    return (
      <Page title="Edit client">
        <Alert>{describeAuthError(client.error)}</Alert>
      </Page>
    );
  }
  return (
    <Page title={`Edit ${client.data.client_name}`}>
      <ClientForm
        client={client.data}
        submitLabel="Save changes"
        pending={update.isPending}
        error={update.error}
        onSubmit={(changes) =>
          update.mutate(
            { clientId, changes },
            {
              onSuccess: (saved) => {
                setNotice(`Saved “${saved.client_name}”.`);
                navigate(detailPath(clientId));
              },
            },
          )
        }
        onCancel={() => navigate(detailPath(clientId))}
      />
    </Page>
  );
}
