// latchkey clients list|create|show|update|delete|rotate-secret
import type { Client, ClientCreate, ClientUpdate } from '../../models.js';
import { paginate } from '../../paginate.js';
import { UsageError } from '../errors.js';
import {
  bool,
  int,
  oneOf,
  str,
  strs,
  type Command,
  type Context,
  type Option,
  type Values,
} from '../command.js';
import { details, list, table, when } from '../output.js';

const GRANTS = ['authorization_code', 'refresh_token', 'password', 'client_credentials'] as const;
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;

/** Flags that set client fields, shared by create and update. */
const FIELDS: Record<string, Option> = {
  name: { type: 'string', value: 'NAME', description: 'Client name shown on the consent page.' },
  description: {
    type: 'string',
    value: 'TEXT',
    description: 'Notes for administrators ("" clears).',
  },
  'redirect-uri': {
    type: 'string',
    multiple: true,
    value: 'URI',
    description: 'Redirect URI, matched exactly (replaces the list on update).',
  },
  'grant-type': {
    type: 'string',
    multiple: true,
    value: 'TYPE',
    description: `Allowed grant type: ${GRANTS.join(', ')} (replaces the list on update).`,
  },
  scope: {
    type: 'string',
    value: 'SCOPES',
    description: 'Space-separated scopes the client may ask for.',
  },
  'auth-method': {
    type: 'string',
    value: 'METHOD',
    description: `Token endpoint authentication: ${AUTH_METHODS.join(', ')} (none = public client).`,
  },
  pat: { type: 'boolean', description: 'Allow personal access tokens (--no-pat to forbid).' },
  'skip-consent': {
    type: 'boolean',
    description: 'Skip the consent page (first-party apps; --no-skip-consent).',
  },
  'access-token-lifetime': {
    type: 'string',
    value: 'SECONDS',
    description: 'Access token lifetime ("" resets to the server default).',
  },
  'refresh-token-lifetime': {
    type: 'string',
    value: 'SECONDS',
    description: 'Refresh token lifetime ("" resets to the server default).',
  },
};

function fields(values: Values): ClientUpdate {
  const body: ClientUpdate = {};
  const name = str(values, 'name');
  if (name !== undefined) body.client_name = name;
  const description = str(values, 'description');
  if (description !== undefined) body.description = description === '' ? null : description;
  const uris = strs(values, 'redirect-uri');
  if (uris) body.redirect_uris = uris;
  const grants = strs(values, 'grant-type');
  if (grants) body.grant_types = grants.map((g) => oneOf(g, 'grant-type', GRANTS)!);
  const scope = str(values, 'scope');
  if (scope !== undefined) body.scope = scope;
  const method = oneOf(str(values, 'auth-method'), 'auth-method', AUTH_METHODS);
  if (method) body.token_endpoint_auth_method = method;
  const pat = bool(values, 'pat');
  if (pat !== undefined) body.personal_access_tokens_enabled = pat;
  const skip = bool(values, 'skip-consent');
  if (skip !== undefined) body.skip_consent = skip;
  for (const [flag, key] of [
    ['access-token-lifetime', 'access_token_lifetime'],
    ['refresh-token-lifetime', 'refresh_token_lifetime'],
  ] as const) {
    const v = str(values, flag);
    if (v !== undefined) body[key] = v === '' ? null : int(v, flag, 1)!;
  }
  return body;
}

function show(ctx: Context, client: Client & { client_secret?: string | null }): void {
  if (ctx.json) return ctx.out(`${JSON.stringify(client, null, 2)}\n`);
  ctx.out(
    details([
      ['Client ID', client.client_id],
      ['Name', client.client_name],
      ['Description', client.description ?? '-'],
      ['Grant types', list(client.grant_types)],
      ['Redirect URIs', list(client.redirect_uris)],
      ['Auth method', client.token_endpoint_auth_method],
      ['Scope', client.scope || '-'],
      ['Personal tokens', client.personal_access_tokens_enabled ? 'allowed' : 'not allowed'],
      ['Skip consent', client.skip_consent ? 'yes' : 'no'],
      [
        'Access token TTL',
        client.access_token_lifetime ? `${client.access_token_lifetime}s` : 'default',
      ],
      [
        'Refresh token TTL',
        client.refresh_token_lifetime ? `${client.refresh_token_lifetime}s` : 'default',
      ],
      ['Secret', client.client_secret_hint ? `…${client.client_secret_hint}` : '-'],
      ['Created', when(client.created_at)],
      ['Updated', when(client.updated_at)],
    ]),
  );
}

function showSecret(ctx: Context, secret: string | null | undefined): void {
  if (ctx.json || !secret) return;
  ctx.out(`\nClient secret: ${secret}\n`);
  ctx.note('Store the client secret now: it is not shown again.');
}

export const clientCommands: Command[] = [
  {
    path: ['clients', 'list'],
    summary: 'List client applications, newest first.',
    options: {
      name: {
        type: 'string',
        value: 'TEXT',
        description: 'Only clients whose name contains TEXT.',
      },
      'grant-type': {
        type: 'string',
        value: 'TYPE',
        description: 'Only clients allowed this grant type.',
      },
      limit: { type: 'string', value: 'N', description: 'Show at most N clients (default: all).' },
    },
    examples: [
      'latchkey clients list',
      'latchkey clients list --grant-type client_credentials --json',
    ],
    async run(ctx, values) {
      const api = await ctx.api();
      const limit = int(str(values, 'limit'), 'limit', 1);
      const query = {
        name: str(values, 'name'),
        grant_type: oneOf(str(values, 'grant-type'), 'grant-type', GRANTS),
        limit: Math.min(limit ?? 100, 100),
      };
      const rows: Client[] = [];
      for await (const client of paginate(api.clients.list, query)) {
        rows.push(client);
        if (limit !== undefined && rows.length >= limit) break;
      }
      if (ctx.json) return ctx.out(`${JSON.stringify(rows, null, 2)}\n`);
      if (rows.length === 0) return ctx.note('No clients.');
      ctx.out(
        table(rows, [
          { header: 'CLIENT ID', value: (c) => c.client_id },
          { header: 'NAME', value: (c) => c.client_name },
          { header: 'GRANT TYPES', value: (c) => list(c.grant_types) },
          { header: 'AUTH', value: (c) => c.token_endpoint_auth_method },
          { header: 'CREATED', value: (c) => when(c.created_at) },
        ]),
      );
    },
  },
  {
    path: ['clients', 'create'],
    summary: 'Register a client application; its secret is printed once.',
    options: FIELDS,
    notes: 'Without --grant-type and --auth-method the server defaults apply.',
    examples: [
      'latchkey clients create --name "Nightly export" --grant-type client_credentials --scope clients:read',
      'latchkey clients create --name "Web app" --grant-type authorization_code --grant-type refresh_token \\\n    --redirect-uri https://app.example.com/callback --auth-method none',
    ],
    async run(ctx, values) {
      const body = fields(values);
      if (body.client_name === undefined) {
        throw new UsageError('--name is required', 'See: latchkey clients create --help');
      }
      const created = await (await ctx.api()).clients.create(body as ClientCreate);
      show(ctx, created);
      showSecret(ctx, created.client_secret);
    },
  },
  {
    path: ['clients', 'show'],
    summary: 'Show one client application.',
    args: ['CLIENT_ID'],
    examples: ['latchkey clients show cl_2b9f8e4a7c1d'],
    async run(ctx, _values, [id]) {
      show(ctx, await (await ctx.api()).clients.get(id!));
    },
  },
  {
    path: ['clients', 'update'],
    summary: 'Change fields of a client application; flags not given are left as they are.',
    args: ['CLIENT_ID'],
    options: FIELDS,
    notes: 'Removing a grant type or a scope revokes the tokens that depended on it.',
    examples: [
      'latchkey clients update cl_2b9f8e4a7c1d --name "Acme (finance)" --access-token-lifetime 900',
      'latchkey clients update cl_2b9f8e4a7c1d --no-pat --description ""',
    ],
    async run(ctx, values, [id]) {
      const body = fields(values);
      if (Object.keys(body).length === 0) {
        throw new UsageError(
          'nothing to update: give at least one field flag',
          'See: latchkey clients update --help',
        );
      }
      show(ctx, await (await ctx.api()).clients.update(id!, body));
    },
  },
  {
    path: ['clients', 'delete'],
    summary: 'Delete a client application and revoke every token issued under it.',
    args: ['CLIENT_ID'],
    options: { yes: { type: 'boolean', short: 'y', description: 'Do not ask for confirmation.' } },
    notes: 'Asks for confirmation on a terminal; elsewhere --yes is required.',
    examples: ['latchkey clients delete cl_2b9f8e4a7c1d --yes'],
    async run(ctx, values, [id]) {
      const api = await ctx.api();
      if (
        !(await ctx.confirm(
          `Delete client ${id} and revoke all its tokens?`,
          bool(values, 'yes') ?? false,
        ))
      ) {
        return ctx.note('Cancelled.');
      }
      await api.clients.delete(id!);
      if (ctx.json) return ctx.out(`${JSON.stringify({ deleted: id })}\n`);
      ctx.out(`Deleted client ${id}.\n`);
    },
  },
  {
    path: ['clients', 'rotate-secret'],
    summary: 'Issue a new client secret (printed once).',
    args: ['CLIENT_ID'],
    options: {
      'grace-period': {
        type: 'string',
        value: 'SECONDS',
        description: 'Keep the old secret valid this long (default 0: invalid at once).',
      },
    },
    examples: ['latchkey clients rotate-secret cl_2b9f8e4a7c1d --grace-period 3600'],
    async run(ctx, values, [id]) {
      const grace = int(str(values, 'grace-period'), 'grace-period');
      const rotated = await (
        await ctx.api()
      ).clients.rotateSecret(id!, grace === undefined ? {} : { grace_period_seconds: grace });
      if (ctx.json) return ctx.out(`${JSON.stringify(rotated, null, 2)}\n`);
      ctx.out(`Client secret: ${rotated.client_secret}\n`);
      ctx.out(
        rotated.previous_secret_expires_at
          ? `The previous secret works until ${when(rotated.previous_secret_expires_at)} UTC.\n`
          : 'The previous secret no longer works.\n',
      );
      ctx.note('Store the client secret now: it is not shown again.');
    },
  },
];
