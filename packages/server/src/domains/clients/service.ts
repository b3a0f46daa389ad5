// Client applications: registration rules, secrets shown once, and revocation a user can
// trust. Every change is audited (never with a secret).
import { ConflictError, InvalidRequestError, NotFoundError } from '../../errors.js';
import type { ClientCreate, ClientUpdate } from '../../generated/index.js';
import { randomId } from '../../lib/crypto.js';
import type { AuditContext } from '../audit/index.js';
import type { ClientDeps } from './deps.js';
import { clientProblems, type ClientShape } from './rules.js';
import { revokeEverything, revokeNoLongerAllowed, type RevocationSummary } from './revoke.js';
import { isPublicClient, newClientSecret } from './secrets.js';
import type { ClientPatch, ClientRecord } from './store.js';

const target = (clientId: string) => ({ type: 'client', id: clientId });

export class ClientService {
  constructor(private readonly deps: ClientDeps) {}

  async get(clientId: string): Promise<ClientRecord> {
    const client = await this.deps.stores.clients.get(clientId);
    if (!client) throw new NotFoundError(`No client with id ${clientId}.`);
    return client;
  }

  async create(
    input: ClientCreate,
    context: AuditContext,
  ): Promise<{ client: ClientRecord; secret: string | null }> {
    const shape: ClientShape = {
      redirectUris: input.redirect_uris ?? [],
      grantTypes: input.grant_types ?? ['authorization_code', 'refresh_token'],
      tokenEndpointAuthMethod: input.token_endpoint_auth_method ?? 'client_secret_basic',
      scope: input.scope ?? '',
    };
    this.check(shape);
    const secret = isPublicClient(shape) ? null : newClientSecret();
    const client = await this.deps.stores.clients.create({
      ...shape,
      clientId: `cl_${randomId()}`,
      clientName: input.client_name,
      description: input.description ?? null,
      personalAccessTokensEnabled: input.personal_access_tokens_enabled ?? false,
      accessTokenLifetime: input.access_token_lifetime ?? null,
      refreshTokenLifetime: input.refresh_token_lifetime ?? null,
      skipConsent: input.skip_consent ?? false,
      secretDigest: secret?.digest ?? null,
      secretHint: secret?.hint ?? null,
      previousSecretDigest: null,
      previousSecretExpiresAt: null,
    });
    await this.deps.audit.record('client.created', context, target(client.clientId), {
      client_name: client.clientName,
      grant_types: client.grantTypes,
      token_endpoint_auth_method: client.tokenEndpointAuthMethod,
      scope: client.scope,
    });
    return { client, secret: secret?.secret ?? null };
  }

  async update(
    clientId: string,
    input: ClientUpdate,
    context: AuditContext,
  ): Promise<ClientRecord> {
    const before = await this.get(clientId);
    const patch = toPatch(input);
    if (patch.tokenEndpointAuthMethod === 'none') {
      // A public client has no secret; switching back to confidential starts without one
      // until the administrator rotates (the secret is only ever shown by create or rotate).
      Object.assign(patch, noSecret());
    }
    this.check({ ...before, ...patch });
    const after = await this.deps.stores.clients.update(clientId, patch);
    if (!after) throw new NotFoundError(`No client with id ${clientId}.`);
    const revoked = await revokeNoLongerAllowed(this.deps, before, after);
    await this.deps.audit.record('client.updated', context, target(clientId), {
      changed: Object.keys(input),
      revoked,
    });
    return after;
  }

  async delete(clientId: string, context: AuditContext): Promise<void> {
    const client = await this.get(clientId);
    // The store removes codes, grants, refresh tokens, PATs and consents with the client.
    if (!(await this.deps.stores.clients.delete(clientId))) {
      throw new NotFoundError(`No client with id ${clientId}.`);
    }
    this.deps.revocation.forgetClient(clientId);
    this.deps.pats.forgetAll();
    await this.deps.audit.record('client.deleted', context, target(clientId), {
      client_name: client.clientName,
    });
  }

  async rotateSecret(
    clientId: string,
    gracePeriodSeconds: number,
    context: AuditContext,
  ): Promise<{ client: ClientRecord; secret: string; previousExpiresAt: Date | null }> {
    const before = await this.get(clientId);
    if (isPublicClient(before)) {
      throw new ConflictError('A public client (token_endpoint_auth_method none) has no secret.');
    }
    const secret = newClientSecret();
    const keepOld = gracePeriodSeconds > 0 && before.secretDigest !== null;
    const previousExpiresAt = keepOld ? new Date(Date.now() + gracePeriodSeconds * 1000) : null;
    const client = await this.deps.stores.clients.update(clientId, {
      secretDigest: secret.digest,
      secretHint: secret.hint,
      previousSecretDigest: keepOld ? before.secretDigest : null,
      previousSecretExpiresAt: previousExpiresAt,
    });
    if (!client) throw new NotFoundError(`No client with id ${clientId}.`);
    this.deps.revocation.forgetClient(clientId);
    await this.deps.audit.record('client.secret_rotated', context, target(clientId), {
      grace_period_seconds: gracePeriodSeconds,
    });
    return { client, secret: secret.secret, previousExpiresAt };
  }

  async revokeTokens(clientId: string, context: AuditContext): Promise<RevocationSummary> {
    const client = await this.get(clientId);
    const summary = await revokeEverything(this.deps, client);
    await this.deps.audit.record('client.tokens_revoked', context, target(clientId), {
      ...summary,
    });
    return summary;
  }

  private check(shape: ClientShape): void {
    const problems = clientProblems(shape, {
      devMode: this.deps.config.devMode,
      scopes: this.deps.scopes,
    });
    if (problems.length > 0) {
      throw new InvalidRequestError('The client configuration is invalid.', problems);
    }
  }
}

function noSecret(): ClientPatch {
  return {
    secretDigest: null,
    secretHint: null,
    previousSecretDigest: null,
    previousSecretExpiresAt: null,
  };
}

/** JSON merge semantics: absent fields are unchanged, `null` resets a nullable field. */
function toPatch(input: ClientUpdate): ClientPatch {
  const patch: ClientPatch = {
    clientName: input.client_name,
    description: input.description,
    redirectUris: input.redirect_uris,
    grantTypes: input.grant_types,
    personalAccessTokensEnabled: input.personal_access_tokens_enabled,
    tokenEndpointAuthMethod: input.token_endpoint_auth_method,
    scope: input.scope,
    accessTokenLifetime: input.access_token_lifetime,
    refreshTokenLifetime: input.refresh_token_lifetime,
    skipConsent: input.skip_consent,
  };
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
