// The client registration form, for creating and editing: the grant types with their options
// (redirect URLs for authorization code, password grant, personal access tokens, client
// credentials, refresh tokens), scopes and lifetimes. The API's field errors appear next to the
// fields they are about.
import { useScopes } from '@latchkey/react-hooks';
import type { Client, ClientCreate, GrantType, TokenEndpointAuthMethod } from '@latchkey/sdk';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { AUTH_METHOD_LABELS } from '../lib/format.js';
import { formErrors, hasErrors, type FormErrors } from '../lib/problems.js';
import { Check, FieldErrors } from './form-parts.js';

interface FormState {
  client_name: string;
  description: string;
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  authorization_code: boolean;
  redirect_uris: string;
  refresh_token: boolean;
  password: boolean;
  client_credentials: boolean;
  personal_access_tokens_enabled: boolean;
  scopes: string[];
  access_token_lifetime: string;
  refresh_token_lifetime: string;
  skip_consent: boolean;
}

const EMPTY: FormState = {
  client_name: '',
  description: '',
  token_endpoint_auth_method: 'client_secret_basic',
  authorization_code: true,
  redirect_uris: '',
  refresh_token: true,
  password: false,
  client_credentials: false,
  personal_access_tokens_enabled: false,
  scopes: [],
  access_token_lifetime: '',
  refresh_token_lifetime: '',
  skip_consent: false,
};

function fromClient(client: Client): FormState {
  const has = (grant: GrantType) => client.grant_types.includes(grant);
  return {
    client_name: client.client_name,
    description: client.description ?? '',
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    authorization_code: has('authorization_code'),
    redirect_uris: client.redirect_uris.join('\n'),
    refresh_token: has('refresh_token'),
    password: has('password'),
    client_credentials: has('client_credentials'),
    personal_access_tokens_enabled: client.personal_access_tokens_enabled,
    scopes: client.scope.split(' ').filter(Boolean),
    access_token_lifetime: client.access_token_lifetime?.toString() ?? '',
    refresh_token_lifetime: client.refresh_token_lifetime?.toString() ?? '',
    skip_consent: client.skip_consent,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function toBody(form: FormState): ClientCreate {
  const grants: GrantType[] = [];
  if (form.authorization_code) grants.push('authorization_code');
  if (form.refresh_token) grants.push('refresh_token');
  if (form.password) grants.push('password');
  if (form.client_credentials) grants.push('client_credentials');
  const seconds = (value: string) => (value.trim() === '' ? null : Number(value));
  return {
    client_name: form.client_name.trim(),
    description: form.description.trim() || null,
    token_endpoint_auth_method: form.token_endpoint_auth_method,
    redirect_uris: form.authorization_code ? lines(form.redirect_uris) : [],
    grant_types: grants,
    personal_access_tokens_enabled: form.personal_access_tokens_enabled,
    scope: form.scopes.join(' '),
    access_token_lifetime: seconds(form.access_token_lifetime),
    refresh_token_lifetime: seconds(form.refresh_token_lifetime),
    skip_consent: form.skip_consent,
  };
}

/** Checks the browser can make before asking the server (which checks everything). */
function localErrors(form: FormState): FormErrors {
  const fields: Record<string, string[]> = {};
  if (!form.client_name.trim()) fields.client_name = ['Enter a name.'];
  if (form.authorization_code && lines(form.redirect_uris).length === 0) {
    fields.redirect_uris = ['Add at least one redirect URL, or turn off authorization code.'];
  }
  return { fields, general: [] };
}

const FIELD_IDS: Record<string, string> = {
  client_name: 'name',
  description: 'description',
  token_endpoint_auth_method: 'type',
  redirect_uris: 'redirects',
  grant_types: 'grants',
  personal_access_tokens_enabled: 'grants',
  scope: 'scopes',
  access_token_lifetime: 'access-lifetime',
  refresh_token_lifetime: 'refresh-lifetime',
  skip_consent: 'skip-consent',
};

/** The grants and options that are one checkbox each; some only for confidential clients. */
const GRANT_OPTIONS: {
  flag: 'refresh_token' | 'password' | 'personal_access_tokens_enabled' | 'client_credentials';
  id: string;
  label: string;
  hint: string;
  confidentialOnly?: boolean;
}[] = [
  {
    flag: 'refresh_token',
    id: 'grant-refresh',
    label: 'Refresh tokens',
    hint: 'Lets the app stay signed in; rotated on every use. Needs authorization code or password grant.',
  },
  {
    flag: 'password',
    id: 'grant-password',
    label: 'Password grant',
    hint: 'Legacy desktop apps that send a username and password. Less secure: use only when nothing else works.',
    confidentialOnly: true,
  },
  {
    flag: 'personal_access_tokens_enabled',
    id: 'grant-pat',
    label: 'Personal access tokens',
    hint: 'Users may create long-lived tokens for this app, e.g. for scripts.',
  },
  {
    flag: 'client_credentials',
    id: 'grant-cc',
    label: 'Client credentials',
    hint: 'The app acts for itself, without a user (services, jobs).',
    confidentialOnly: true,
  },
];

export function ClientForm({
  client,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  client?: Client;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: ClientCreate) => void;
  onCancel: () => void;
}) {
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const [form, setForm] = useState<FormState>(() => (client ? fromClient(client) : EMPTY));
  const [local, setLocal] = useState<FormErrors>({ fields: {}, general: [] });
  const summary = useRef<HTMLDivElement>(null);
  const scopes = useScopes();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  const submitted = useRef<ClientCreate | null>(null);
  const server = formErrors(error, (pointer, detail) => {
    const match = /^\/(redirect_uris|grant_types)\/(\d+)$/.exec(pointer);
    if (!match || !submitted.current) return detail;
    const list =
      match[1] === 'redirect_uris'
        ? submitted.current.redirect_uris
        : submitted.current.grant_types;
    const value = list?.[Number(match[2])];
    return value ? `${value}: ${detail}` : detail;
  });
  const errors = hasErrors(local) ? local : server;
  const invalid = hasErrors(errors);

  // Move to the summary when a submission comes back with problems.
  useEffect(() => {
    if (invalid) summary.current?.focus();
  }, [invalid, error, local]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = localErrors(form);
    setLocal(problems);
    if (hasErrors(problems)) return;
    submitted.current = toBody(form);
    onSubmit(submitted.current);
  };

  const isPublic = form.token_endpoint_auth_method === 'none';
  const fieldError = (name: string): ReactNode => (
    <FieldErrors id={id(`${FIELD_IDS[name]}-error`)} messages={errors.fields[name]} />
  );
  const describedBy = (name: string, hint = false) =>
    [
      hint ? id(`${FIELD_IDS[name]}-hint`) : '',
      errors.fields[name] ? id(`${FIELD_IDS[name]}-error`) : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const lifetimeField = (
    name: 'access_token_lifetime' | 'refresh_token_lifetime',
    kind: string,
    placeholder: string,
    serverDefault: string,
  ) => (
    <div className="field">
      <label htmlFor={id(FIELD_IDS[name]!)}>{kind} lifetime (seconds)</label>
      <input
        id={id(FIELD_IDS[name]!)}
        inputMode="numeric"
        value={form[name]}
        placeholder={placeholder}
        aria-invalid={Boolean(errors.fields[name])}
        aria-describedby={describedBy(name, true)}
        onChange={(event) => set(name, event.target.value)}
      />
      <p className="hint" id={id(`${FIELD_IDS[name]}-hint`)}>
        Empty: the server default ({serverDefault}).
      </p>
      {fieldError(name)}
    </div>
  );
  const grantErrors = [
    ...(errors.fields.grant_types ?? []),
    ...(errors.fields.personal_access_tokens_enabled ?? []),
  ];

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={pending}>
      {invalid ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={summary}>
          <p className="alert-title">The client could not be saved</p>
          <ul>
            {errors.general.map((message) => (
              <li key={message}>{message}</li>
            ))}
            {Object.entries(errors.fields).flatMap(([field, messages]) =>
              messages.map((message) => (
                <li key={`${field}:${message}`}>
                  <a href={`#${id(FIELD_IDS[field] ?? field)}`}>{message}</a>
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}

      <section className="form-section">
        <h2>About</h2>
        <div className="field">
          <label htmlFor={id('name')}>Name</label>
          <input
            id={id('name')}
            value={form.client_name}
            required
            maxLength={200}
            autoComplete="off"
            aria-invalid={Boolean(errors.fields.client_name)}
            aria-describedby={describedBy('client_name', true)}
            onChange={(event) => set('client_name', event.target.value)}
          />
          <p className="hint" id={id('name-hint')}>
            Shown to users on the consent page.
          </p>
          {fieldError('client_name')}
        </div>
        <div className="field">
          <label htmlFor={id('description')}>
            Description <span className="optional">(optional)</span>
          </label>
          <textarea
            id={id('description')}
            rows={2}
            value={form.description}
            aria-invalid={Boolean(errors.fields.description)}
            aria-describedby={describedBy('description')}
            onChange={(event) => set('description', event.target.value)}
          />
          {fieldError('description')}
        </div>
        <div className="field">
          <label htmlFor={id('type')}>Client type</label>
          <select
            id={id('type')}
            value={form.token_endpoint_auth_method}
            aria-invalid={Boolean(errors.fields.token_endpoint_auth_method)}
            aria-describedby={describedBy('token_endpoint_auth_method', true)}
            onChange={(event) => {
              const method = event.target.value as TokenEndpointAuthMethod;
              setForm((previous) => ({
                ...previous,
                token_endpoint_auth_method: method,
                // Public clients cannot keep a secret: no password grant, no client credentials.
                ...(method === 'none' ? { password: false, client_credentials: false } : {}),
              }));
            }}
          >
            {(Object.keys(AUTH_METHOD_LABELS) as TokenEndpointAuthMethod[]).map((method) => (
              <option key={method} value={method}>
                {AUTH_METHOD_LABELS[method]}
              </option>
            ))}
          </select>
          <p className="hint" id={id('type-hint')}>
            Confidential clients run on a server and get a secret. Public clients (single-page and
            mobile apps) use PKCE instead.
          </p>
          {fieldError('token_endpoint_auth_method')}
        </div>
      </section>

      <fieldset
        className="form-section"
        id={id('grants')}
        aria-describedby={grantErrors.length ? id('grants-error') : undefined}
      >
        <legend>
          <h2>How it gets tokens</h2>
        </legend>

        <div className="option">
          <Check
            id={id('grant-code')}
            checked={form.authorization_code}
            onChange={(value) => set('authorization_code', value)}
            label="Authorization code (redirect URLs)"
            hint="For web and mobile apps: users sign in here and are sent back to the app."
          />
          {form.authorization_code ? (
            <div className="field option-detail">
              <label htmlFor={id('redirects')}>Redirect URLs</label>
              <textarea
                id={id('redirects')}
                rows={3}
                value={form.redirect_uris}
                spellCheck={false}
                placeholder="https://app.example.com/callback"
                aria-invalid={Boolean(errors.fields.redirect_uris)}
                aria-describedby={describedBy('redirect_uris', true)}
                onChange={(event) => set('redirect_uris', event.target.value)}
              />
              <p className="hint" id={id('redirects-hint')}>
                One per line, matched exactly. https, or http on localhost.
              </p>
              {fieldError('redirect_uris')}
            </div>
          ) : null}
        </div>

        {GRANT_OPTIONS.map((option) => {
          const disabled = option.confidentialOnly && isPublic;
          return (
            <div className="option" key={option.flag}>
              <Check
                id={id(option.id)}
                checked={form[option.flag]}
                disabled={disabled}
                onChange={(value) => set(option.flag, value)}
                label={option.label}
                hint={disabled ? 'Confidential clients only.' : option.hint}
              />
            </div>
          );
        })}
        <FieldErrors id={id('grants-error')} messages={grantErrors} />
      </fieldset>

      <fieldset
        className="form-section"
        id={id('scopes')}
        aria-describedby={errors.fields.scope ? id('scopes-error') : undefined}
      >
        <legend>
          <h2>Scopes</h2>
        </legend>
        <p className="hint">What the app may ask for. It gets only what users (or you) grant.</p>
        {scopes.isPending ? <p className="muted">Loading scopes…</p> : null}
        <div className="scope-grid">
          {scopes.data?.data.map((scope) => (
            <Check
              key={scope.name}
              id={id(`scope-${scope.name}`)}
              checked={form.scopes.includes(scope.name)}
              onChange={(value) =>
                set(
                  'scopes',
                  value
                    ? [...form.scopes, scope.name]
                    : form.scopes.filter((s) => s !== scope.name),
                )
              }
              label={<code>{scope.name}</code>}
              hint={scope.description}
            />
          ))}
        </div>
        {fieldError('scope')}
      </fieldset>

      <details
        className="form-section advanced"
        open={Boolean(
          client?.access_token_lifetime || client?.refresh_token_lifetime || client?.skip_consent,
        )}
      >
        <summary>Advanced</summary>
        <div className="field-row">
          {lifetimeField('access_token_lifetime', 'Access-token', '3600', '1 hour')}
          {lifetimeField('refresh_token_lifetime', 'Refresh-token', '2592000', '30 days')}
        </div>
        <Check
          id={id('skip-consent')}
          checked={form.skip_consent}
          onChange={(value) => set('skip_consent', value)}
          label="Skip the consent page"
          hint="Only for your own first-party apps."
        />
        {fieldError('skip_consent')}
      </details>

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
