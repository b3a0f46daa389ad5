// The form that creates a personal access token: name, the client it belongs to, scopes and an
// optional expiry. Administrators pick from the clients that allow personal access tokens.
import { useAuth, useClients, useScopes } from '@latchkey/react-hooks';
import type { PersonalAccessTokenCreate } from '@latchkey/sdk';
import { useId, useState, type FormEvent } from 'react';
import { formErrors } from '../lib/problems.js';
import { Check, FieldErrors } from './form-parts.js';

const CONSOLE_CLIENT = 'latchkey-console';
const SHOWN_FIELDS = ['name', 'client_id', 'scope', 'expires_at'];
const EXPIRY = [
  { days: 0, label: 'Never' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In 1 year' },
];

export function TokenForm({
  formId,
  error,
  onSubmit,
}: {
  formId: string;
  error: unknown;
  onSubmit: (body: PersonalAccessTokenCreate) => void;
}) {
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const { user } = useAuth();
  const admin = user?.role === 'admin';
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState(CONSOLE_CLIENT);
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState(0);
  const [missingName, setMissingName] = useState(false);
  const scopeList = useScopes();
  const clients = useClients({ limit: 100 });
  const patClients = admin
    ? (clients.data?.pages.flatMap((page) => page.data) ?? []).filter(
        (client) => client.personal_access_tokens_enabled,
      )
    : [];
  const errors = formErrors(error);
  // Messages about no field shown here go on top.
  const general = [
    ...errors.general,
    ...Object.entries(errors.fields)
      .filter(([field]) => !SHOWN_FIELDS.includes(field))
      .flatMap(([, messages]) => messages),
  ];
  const fieldError = (field: string) => (
    <FieldErrors id={id(`${field}-error`)} messages={errors.fields[field]} />
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissingName(true);
      return;
    }
    setMissingName(false);
    onSubmit({
      name: name.trim(),
      client_id: clientId,
      scope: scopes.join(' '),
      expires_at: days ? new Date(Date.now() + days * 86_400_000).toISOString() : null,
    });
  };

  return (
    <form id={formId} className="form" onSubmit={submit} noValidate>
      {general.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {general.join(' ')}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={id('name')}>Name</label>
        <input
          id={id('name')}
          value={name}
          data-autofocus
          required
          maxLength={100}
          placeholder="e.g. Nightly export"
          aria-invalid={missingName || Boolean(errors.fields.name)}
          aria-describedby={missingName || errors.fields.name ? id('name-error') : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {missingName ? (
          <FieldErrors
            id={id('name-error')}
            messages={['Enter a name, so you know later what the token is for.']}
          />
        ) : (
          fieldError('name')
        )}
      </div>
      <div className="field">
        <label htmlFor={id('client_id')}>Client</label>
        {admin && patClients.length > 0 ? (
          <select
            id={id('client_id')}
            value={clientId}
            aria-describedby={errors.fields.client_id ? id('client_id-error') : undefined}
            onChange={(event) => setClientId(event.target.value)}
          >
            {patClients.map((client) => (
              <option key={client.client_id} value={client.client_id}>
                {client.client_name} ({client.client_id})
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id('client_id')}
            value={clientId}
            spellCheck={false}
            aria-describedby={errors.fields.client_id ? id('client_id-error') : undefined}
            onChange={(event) => setClientId(event.target.value)}
          />
        )}
        {fieldError('client_id')}
      </div>
      <fieldset className="field">
        <legend>Scopes</legend>
        <div className="scope-grid">
          {scopeList.data?.data.map((scope) => (
            <Check
              key={scope.name}
              id={id(`scope-${scope.name}`)}
              checked={scopes.includes(scope.name)}
              onChange={(on) =>
                setScopes(on ? [...scopes, scope.name] : scopes.filter((s) => s !== scope.name))
              }
              label={<code>{scope.name}</code>}
              hint={scope.description}
            />
          ))}
        </div>
        {fieldError('scope')}
      </fieldset>
      <div className="field">
        <label htmlFor={id('expiry')}>Expires</label>
        <select
          id={id('expiry')}
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {EXPIRY.map((option) => (
            <option key={option.days} value={option.days}>
              {option.label}
            </option>
          ))}
        </select>
        {fieldError('expires_at')}
      </div>
    </form>
  );
}
