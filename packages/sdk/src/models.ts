// The API's data types, generated from openapi/openapi.yaml and re-exported under their
// contract names, with the docs a user of the SDK reads on hover.
import type * as G from './generated/types.gen.js';

/**
 * A client application (RFC 7591 metadata names). The secret itself is never returned after
 * creation; `client_secret_hint` shows its last characters.
 *
 * @example
 * ```ts
 * const client: Client = await latchkey.clients.get('cl_2b9f8e4a7c1d');
 * console.log(client.client_name, client.grant_types.join(', '));
 * ```
 */
export type Client = G.Client;
/**
 * The body of `clients.create`; only `client_name` is required.
 *
 * @example
 * ```ts
 * const body: ClientCreate = {
 *   client_name: 'Acme Desktop',
 *   redirect_uris: ['https://app.example.com/callback'],
 *   grant_types: ['authorization_code', 'refresh_token'],
 * };
 * ```
 */
export type ClientCreate = G.ClientCreate;
/**
 * The body of `clients.update`: absent fields are unchanged, `null` resets to the default.
 *
 * @example
 * ```ts
 * const body: ClientUpdate = { access_token_lifetime: 900, description: null };
 * ```
 */
export type ClientUpdate = G.ClientUpdate;
/**
 * A client just created, with its secret (shown only now; null for public clients).
 *
 * @example
 * ```ts
 * const { client_id, client_secret }: ClientWithSecret = await latchkey.clients.create(body);
 * ```
 */
export type ClientWithSecret = G.ClientWithSecret;
/**
 * The result of `clients.rotateSecret`: the new secret and when the previous one stops working.
 *
 * @example
 * ```ts
 * const { client_secret, previous_secret_expires_at }: ClientSecretRotation =
 *   await latchkey.clients.rotateSecret(id, { grace_period_seconds: 3600 });
 * ```
 */
export type ClientSecretRotation = G.ClientSecretRotation;
/**
 * The body of `clients.rotateSecret`.
 *
 * @example
 * ```ts
 * const body: RotateClientSecretRequest = { grace_period_seconds: 0 }; // old secret dies at once
 * ```
 */
export type RotateClientSecretRequest = G.RotateClientSecretRequest;
/**
 * What `clients.revokeTokens` revoked.
 *
 * @example
 * ```ts
 * const summary: RevocationSummary = await latchkey.clients.revokeTokens(id);
 * console.log(`${summary.refresh_tokens} refresh tokens revoked`);
 * ```
 */
export type RevocationSummary = G.RevocationSummary;
/**
 * A page of clients.
 *
 * @example
 * ```ts
 * const { data, next_cursor }: ClientPage = await latchkey.clients.list();
 * ```
 */
export type ClientPage = G.ClientPage;
/**
 * A personal access token, without its secret.
 *
 * @example
 * ```ts
 * const pat: PersonalAccessToken = await latchkey.personalAccessTokens.get('pat_8f3b1c6d2e');
 * console.log(pat.name, pat.last_used_at ?? 'never used');
 * ```
 */
export type PersonalAccessToken = G.PersonalAccessToken;
/**
 * The body of `personalAccessTokens.create`.
 *
 * @example
 * ```ts
 * const body: PersonalAccessTokenCreate = { name: 'CI', client_id: 'cl_cli', scope: 'clients:read' };
 * ```
 */
export type PersonalAccessTokenCreate = G.PersonalAccessTokenCreate;
/**
 * A personal access token with its secret `token` (after create or rotate only).
 *
 * @example
 * ```ts
 * const { token }: PersonalAccessTokenWithSecret = await latchkey.personalAccessTokens.rotate(id);
 * ```
 */
export type PersonalAccessTokenWithSecret = G.PersonalAccessTokenWithSecret;
/**
 * A page of personal access tokens.
 *
 * @example
 * ```ts
 * const page: PersonalAccessTokenPage = await latchkey.adminTokens.list({ never_used: true });
 * ```
 */
export type PersonalAccessTokenPage = G.PersonalAccessTokenPage;
/**
 * The body of `adminTokens.bulkRevoke`.
 *
 * @example
 * ```ts
 * const body: BulkRevokePersonalAccessTokensRequest = { token_ids: ['pat_1', 'pat_2'] };
 * ```
 */
export type BulkRevokePersonalAccessTokensRequest = G.BulkRevokePersonalAccessTokensRequest;
/**
 * How many tokens `adminTokens.bulkRevoke` revoked.
 *
 * @example
 * ```ts
 * const { revoked }: BulkRevokePersonalAccessTokensResult = await latchkey.adminTokens.bulkRevoke(body);
 * ```
 */
export type BulkRevokePersonalAccessTokensResult = G.BulkRevokePersonalAccessTokensResult;
/**
 * A user account.
 *
 * @example
 * ```ts
 * const user: User = await latchkey.users.get('usr_5d2c9a71e3');
 * if (user.role === 'admin') console.log(`${user.username} is an admin`);
 * ```
 */
export type User = G.User;
/**
 * The body of `users.create`.
 *
 * @example
 * ```ts
 * const body: UserCreate = { username: 'grace', password: 'a long passphrase', role: 'member' };
 * ```
 */
export type UserCreate = G.UserCreate;
/**
 * The body of `users.update`; `null` clears `email` or `display_name`.
 *
 * @example
 * ```ts
 * const body: UserUpdate = { disabled: true };
 * ```
 */
export type UserUpdate = G.UserUpdate;
/**
 * A page of users.
 *
 * @example
 * ```ts
 * const { data }: UserPage = await latchkey.users.list({ q: 'ada' });
 * ```
 */
export type UserPage = G.UserPage;
/**
 * The body of `me.update`.
 *
 * @example
 * ```ts
 * const body: MeUpdate = { display_name: 'Ada King' };
 * ```
 */
export type MeUpdate = G.MeUpdate;
/**
 * The body of `me.changePassword`.
 *
 * @example
 * ```ts
 * const body: ChangePasswordRequest = { current_password: old, new_password: next };
 * ```
 */
export type ChangePasswordRequest = G.ChangePasswordRequest;
/**
 * The body of `users.setPassword`.
 *
 * @example
 * ```ts
 * const body: SetUserPasswordRequest = { password: 'another long passphrase' };
 * ```
 */
export type SetUserPasswordRequest = G.SetUserPasswordRequest;
/**
 * A client the calling user has consented to.
 *
 * @example
 * ```ts
 * const { data }: AuthorizationPage = await latchkey.authorizations.list();
 * const first: Authorization | undefined = data[0];
 * ```
 */
export type Authorization = G.Authorization;
/**
 * A page of authorizations.
 *
 * @example
 * ```ts
 * const page: AuthorizationPage = await latchkey.authorizations.list({ limit: 5 });
 * ```
 */
export type AuthorizationPage = G.AuthorizationPage;
/**
 * A scope the server knows.
 *
 * @example
 * ```ts
 * const { data }: ScopePage = await latchkey.scopes.list();
 * const names = data.map((scope: Scope) => scope.name);
 * ```
 */
export type Scope = G.Scope;
/**
 * Every scope, in one page.
 *
 * @example
 * ```ts
 * const page: ScopePage = await latchkey.scopes.list();
 * ```
 */
export type ScopePage = G.ScopePage;
/**
 * An access-token signing key, with its public JWK.
 *
 * @example
 * ```ts
 * const key: SigningKey = await latchkey.signingKeys.rotate();
 * ```
 */
export type SigningKey = G.SigningKey;
/**
 * A page of signing keys.
 *
 * @example
 * ```ts
 * const { data }: SigningKeyPage = await latchkey.signingKeys.list();
 * const active = data.find((key) => key.status === 'active');
 * ```
 */
export type SigningKeyPage = G.SigningKeyPage;
/**
 * A public ES256 key (RFC 7517).
 *
 * @example
 * ```ts
 * const jwk: PublicJwk = key.public_jwk;
 * ```
 */
export type PublicJwk = G.PublicJwk;
/**
 * The server's JWK Set (`/oauth/jwks`).
 *
 * @example
 * ```ts
 * const jwks: JsonWebKeySet = await (await fetch(server.jwks_uri)).json();
 * ```
 */
export type JsonWebKeySet = G.JsonWebKeySet;
/**
 * One audit event. Secrets never appear in `details`.
 *
 * @example
 * ```ts
 * const { data }: AuditEventPage = await latchkey.auditEvents.list({ target_id: 'cl_1' });
 * const event: AuditEvent | undefined = data[0];
 * ```
 */
export type AuditEvent = G.AuditEvent;
/**
 * Who caused an audit event.
 *
 * @example
 * ```ts
 * const actor: AuditActor = event.actor; // { type: 'user', id: 'usr_…', name: 'ada' }
 * ```
 */
export type AuditActor = G.AuditActor;
/**
 * What an audit event is about.
 *
 * @example
 * ```ts
 * const target: AuditTarget | null = event.target; // { type: 'client', id: 'cl_…' }
 * ```
 */
export type AuditTarget = G.AuditTarget;
/**
 * A page of audit events.
 *
 * @example
 * ```ts
 * const page: AuditEventPage = await latchkey.auditEvents.list({ limit: 100 });
 * ```
 */
export type AuditEventPage = G.AuditEventPage;
/**
 * RFC 8414 metadata, as returned by `discover()`; the `server` argument of the OAuth helpers.
 *
 * @example
 * ```ts
 * const server: AuthorizationServerMetadata = await discover('https://auth.example.com');
 * ```
 */
export type AuthorizationServerMetadata = G.AuthorizationServerMetadata;
/**
 * A token endpoint response (RFC 6749 §5.1).
 *
 * @example
 * ```ts
 * const { access_token, expires_in }: TokenResponse = tokens;
 * ```
 */
export type TokenResponse = G.TokenResponse;
/**
 * An introspection response (RFC 7662 §2.2); inactive tokens carry only `active: false`.
 *
 * @example
 * ```ts
 * const info: IntrospectionResponse = await introspect({ server, client, token });
 * ```
 */
export type IntrospectionResponse = G.IntrospectionResponse;
/**
 * An RFC 9457 problem document, as carried by ApiError.
 *
 * @example
 * ```ts
 * const problem: Problem = apiError.problem;
 * console.log(problem.title, problem.detail);
 * ```
 */
export type Problem = G.Problem;
/**
 * One invalid field of a request: a JSON Pointer into the body and what is wrong there.
 *
 * @example
 * ```ts
 * const field: ProblemFieldError = { pointer: '/redirect_uris/0', detail: 'must be an absolute URI' };
 * ```
 */
export type ProblemFieldError = G.ProblemFieldError;
/**
 * An OAuth grant type a client may use.
 *
 * @example
 * ```ts
 * const grants: GrantType[] = ['authorization_code', 'refresh_token'];
 * ```
 */
export type GrantType = G.GrantType;
/**
 * How a client authenticates at the token endpoint (RFC 7591 §2).
 *
 * @example
 * ```ts
 * const method: TokenEndpointAuthMethod = 'none'; // a public client
 * ```
 */
export type TokenEndpointAuthMethod = G.TokenEndpointAuthMethod;
/**
 * A user's role.
 *
 * @example
 * ```ts
 * const role: UserRole = 'admin';
 * ```
 */
export type UserRole = G.UserRole;
