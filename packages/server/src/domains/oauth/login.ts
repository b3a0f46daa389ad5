// The login form and logout (the browser session the authorization endpoint relies on).
// Every form carries a CSRF token; failures re-render the form with the error.
import { RateLimiter } from '../../lib/rate-limit.js';
import type { Cookie, OperationRequest, OperationResult } from '../../lib/operation.js';
import { loginPage } from '../../views/index.js';
import type { Credentials } from './credentials.js';
import type { OAuthDeps, OAuthLimits } from './deps.js';
import { errorResult, formFields, htmlPage, redirect, safeReturnTo } from './results.js';
import { LoginSessions } from './session.js';

const DEFAULT_RETURN = '/console';

export class LoginEndpoint {
  /** Failed logins per address (the per-account lockout is in Credentials). */
  private readonly failures: RateLimiter;

  constructor(
    private readonly deps: Pick<OAuthDeps, 'revocation'>,
    private readonly sessions: LoginSessions,
    private readonly credentials: Credentials,
    limits: OAuthLimits,
  ) {
    this.failures = new RateLimiter(limits.loginFailuresBurst, limits.loginFailuresPerMinute);
  }

  /** GET /login */
  async page(req: OperationRequest): Promise<OperationResult> {
    const raw = (req.query as Record<string, unknown>).return_to;
    const returnTo = safeReturnTo(raw);
    if (raw !== undefined && (!returnTo || req.invalid)) {
      return errorResult(400, 'Invalid request', 'Invalid return address.');
    }
    return this.form(req, 200, { returnTo });
  }

  /** POST /login */
  async submit(req: OperationRequest): Promise<OperationResult> {
    const form = formFields(req.body);
    const view = { returnTo: safeReturnTo(form.return_to), username: form.username };
    if (!LoginSessions.loginCsrfValid(req.cookies, form.csrf_token)) {
      return this.form(req, 403, { ...view, error: 'Your session expired. Try again.' });
    }
    if (
      !form.username ||
      !form.password ||
      form.username.length > 64 ||
      form.password.length > 256
    ) {
      return this.form(req, 400, { ...view, error: 'Enter your username and password.' });
    }
    const wait = this.failures.wait(req.ip);
    if (wait > 0) return this.tooMany(req, view, wait);
    const result = await this.credentials.check(form.username, form.password, {
      via: 'login_form',
      ip: req.ip,
      userAgent: req.userAgent,
    });
    if (result.ok) {
      await this.sessions.end(req.cookies); // a new session id on every login
      const cookie = await this.sessions.start(result.user.id);
      return redirect(303, view.returnTo ?? DEFAULT_RETURN, [cookie]);
    }
    if (result.reason === 'locked') return this.tooMany(req, view, result.retryAfterSeconds);
    if (result.reason === 'disabled') {
      return this.form(req, 403, { ...view, error: 'This account is disabled.' });
    }
    this.failures.take(req.ip);
    return this.form(req, 401, { ...view, error: 'Incorrect username or password.' });
  }

  /** POST /logout */
  async logout(req: OperationRequest): Promise<OperationResult> {
    const form = formFields(req.body);
    const signedIn = await this.sessions.current(req.cookies);
    // Without a session there is nothing to end, so nothing to forge.
    const tokenOk = signedIn
      ? LoginSessions.formTokenValid(signedIn, form.csrf_token)
      : !!form.csrf_token;
    if (!tokenOk) {
      return errorResult(403, 'Forbidden', 'Your session expired. Reload the page and try again.');
    }
    const cookies = await this.sessions.end(req.cookies);
    return redirect(303, safeReturnTo(form.return_to) ?? '/login', cookies);
  }

  private tooMany(
    req: OperationRequest,
    view: { returnTo: string | undefined; username: string | undefined },
    seconds: number,
  ): Promise<OperationResult> {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    const error = `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    return this.form(req, 429, { ...view, error }, { 'Retry-After': String(seconds) });
  }

  private async form(
    req: OperationRequest,
    status: number,
    view: { returnTo: string | undefined; username?: string | undefined; error?: string },
    headers: Record<string, string> = {},
  ): Promise<OperationResult> {
    const csrf = LoginSessions.loginCsrf(req.cookies);
    const clientName = await this.clientName(view.returnTo);
    const body = loginPage({ ...view, csrfToken: csrf.token, clientName });
    const cookies: (Cookie | undefined)[] = [csrf.cookie];
    return htmlPage(status, body, { cookies, headers });
  }

  /** "Sign in to continue to <client>", when returning to an authorization request. */
  private async clientName(returnTo: string | undefined): Promise<string | undefined> {
    if (!returnTo?.startsWith('/oauth/authorize?')) return undefined;
    const clientId = new URLSearchParams(returnTo.slice(returnTo.indexOf('?'))).get('client_id');
    if (!clientId) return undefined;
    return (await this.deps.revocation.client(clientId))?.clientName;
  }
}
