// The authorization endpoint (RFC 6749 §4.1): GET checks the request, signs the user in and
// asks for consent; POST takes the consent decision. Every answer to the client carries `state`
// and `iss` (RFC 9207).
import type { OperationRequest, OperationResult } from '../../lib/operation.js';
import { consentPage } from '../../views/index.js';
import type { UserRecord } from '../users/store.js';
import {
  checkAuthorizationRequest,
  type AuthorizationRequest,
  type CheckedRequest,
  type RedirectError,
} from './authorize.js';
import { issueCode } from './codes.js';
import type { Consents } from './consent.js';
import { signRequest, verifyRequest } from './csrf.js';
import type { OAuthDeps } from './deps.js';
import { redirectOrigin, withParams } from './redirect-uri.js';
import { errorResult, formFields, htmlPage, redirect } from './results.js';
import { scopesForUser } from './scope.js';
import { LoginSessions, type SignedIn } from './session.js';

/** How long the consent page may stay open before its form expires. */
const PENDING_SECONDS = 600;
const EXPIRED = 'This authorization request has expired. Start again from the application.';
const NO_SESSION = 'Your session expired. Reload the page and try again.';

export class AuthorizationEndpoint {
  constructor(
    private readonly deps: Pick<OAuthDeps, 'config' | 'stores' | 'revocation' | 'scopes'>,
    private readonly sessions: LoginSessions,
    private readonly consents: Consents,
  ) {}

  /** GET /oauth/authorize */
  async start(req: OperationRequest): Promise<OperationResult> {
    const checked = await this.check(req.query as Record<string, unknown>, req.invalid);
    if (checked.kind !== 'ok') return this.refuse(checked);
    const { request } = checked;
    const signedIn =
      request.prompt === 'login' ? undefined : await this.sessions.current(req.cookies);
    if (!signedIn) return this.signInFirst(request);
    const scopes = scopesForUser(request.scopes, signedIn.user.role, this.deps.scopes);
    const consent = await this.consents.status(
      signedIn.user.id,
      request.client,
      scopes,
      request.prompt === 'consent',
    );
    if (consent.ask && request.prompt === 'none') {
      return this.answer(request, {
        error: 'consent_required',
        error_description: 'Consent is required.',
      });
    }
    if (consent.ask) return this.askConsent(request, signedIn, scopes);
    // First-party clients skip the prompt but still show among the user's authorizations.
    if (!consent.covered) {
      await this.consents.remember(signedIn.user.id, request.client.clientId, scopes);
    }
    return this.grant(request, signedIn.user, scopes);
  }

  /** POST /oauth/authorize: the consent form. */
  async decide(req: OperationRequest): Promise<OperationResult> {
    const form = formFields(req.body);
    const signedIn = await this.sessions.current(req.cookies);
    if (!signedIn || !LoginSessions.formTokenValid(signedIn, form.csrf_token)) {
      return errorResult(403, 'Forbidden', NO_SESSION);
    }
    if (req.invalid) return errorResult(400, 'Invalid request', 'The form is incomplete.');
    const params = verifyRequest(signedIn.session.csrfSecret, form.request ?? '', PENDING_SECONDS);
    if (!params) return errorResult(400, 'Request expired', EXPIRED);
    const checked = await this.check(params, undefined);
    if (checked.kind !== 'ok') return this.refuse(checked);
    const { request } = checked;
    if (form.decision !== 'approve') {
      return this.answer(request, {
        error: 'access_denied',
        error_description: 'The user denied access.',
      });
    }
    const scopes = scopesForUser(request.scopes, signedIn.user.role, this.deps.scopes);
    await this.consents.remember(signedIn.user.id, request.client.clientId, scopes);
    return this.grant(request, signedIn.user, scopes);
  }

  private check(
    query: Record<string, unknown>,
    invalid: OperationRequest['invalid'],
  ): Promise<CheckedRequest> {
    const { revocation, scopes } = this.deps;
    return checkAuthorizationRequest(query, invalid, {
      client: (id) => revocation.client(id),
      scopes,
    });
  }

  /** A bad client or redirect URI: an error page, never a redirect; anything else: redirect. */
  private refuse(checked: Exclude<CheckedRequest, { kind: 'ok' }>): OperationResult {
    if (checked.kind === 'page') return errorResult(400, 'Invalid request', checked.message);
    const e: RedirectError = checked.error;
    return redirect(
      302,
      this.responseUri(e.redirectUri, e.state, {
        error: e.error,
        error_description: e.description,
      }),
    );
  }

  private signInFirst(request: AuthorizationRequest): OperationResult {
    if (request.prompt === 'none') {
      return this.answer(request, {
        error: 'login_required',
        error_description: 'The user is not signed in.',
      });
    }
    // Coming back after login must not ask for a login again.
    const { prompt, ...params } = request.params;
    const resume = { ...params, ...(prompt && prompt !== 'login' ? { prompt } : {}) };
    const returnTo = `/oauth/authorize?${new URLSearchParams(resume).toString()}`;
    return redirect(302, `/login?${new URLSearchParams({ return_to: returnTo }).toString()}`);
  }

  private askConsent(
    request: AuthorizationRequest,
    signedIn: SignedIn,
    scopes: string[],
  ): OperationResult {
    const { client } = request;
    const page = consentPage({
      clientName: client.clientName,
      clientDescription: client.description,
      username: signedIn.user.username,
      scopes: scopes.map((name) => ({
        name,
        description: this.deps.scopes.get(name)?.description ?? name,
      })),
      redirectOrigin: redirectOrigin(request.redirectUri),
      csrfToken: signedIn.csrfToken,
      request: signRequest(signedIn.session.csrfSecret, request.params),
      returnTo: `/oauth/authorize?${new URLSearchParams(request.params).toString()}`,
    });
    return htmlPage(200, page);
  }

  private async grant(
    request: AuthorizationRequest,
    user: UserRecord,
    scopes: string[],
  ): Promise<OperationResult> {
    const code = await issueCode(this.deps.stores.authorizationCodes, request, user.id, scopes);
    return this.answer(request, { code });
  }

  /** RFC 6749 §4.1.2 and RFC 9207: the response parameters, then state and iss. */
  private answer(request: AuthorizationRequest, params: Record<string, string>): OperationResult {
    return redirect(302, this.responseUri(request.redirectUri, request.state, params));
  }

  private responseUri(
    uri: string,
    state: string | undefined,
    params: Record<string, string>,
  ): string {
    return withParams(uri, { ...params, state, iss: this.deps.config.issuer });
  }
}
