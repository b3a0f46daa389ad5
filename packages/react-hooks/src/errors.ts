// Error helpers: a sentence for people, and the SDK's typed errors for query results.
import {
  ApiError,
  OAuthError,
  isApiError,
  isLatchkeyError,
  isNetworkError,
  isOAuthError,
  isProtocolError,
  isSessionExpiredError,
  type LatchkeyErrorType,
  type Problem,
} from '@latchkey/sdk';
import { LoginLoopError } from './types.js';

const OAUTH_MESSAGES: Record<string, string> = {
  access_denied: 'Access was denied.',
  invalid_grant: 'The sign-in expired or was already used. Sign in again.',
  login_required: 'You need to sign in.',
  consent_required: 'The application needs your consent.',
  invalid_scope: 'The application asked for permissions it may not have.',
  unauthorized_client: 'This application may not sign users in this way.',
  server_error: 'The server had a problem. Try again later.',
  temporarily_unavailable: 'The server is busy. Try again shortly.',
};

/**
 * A short sentence for a person about an auth or API error (for alerts and error pages).
 *
 * @example
 * ```tsx
 * const { error } = useAuth();
 * return error ? <p role="alert">{describeAuthError(error)}</p> : null;
 * ```
 */
export function describeAuthError(error: unknown): string {
  if (error instanceof LoginLoopError) return error.message;
  if (isOAuthError(error)) {
    const known = OAUTH_MESSAGES[error.error];
    const detail = error.description ? ` (${error.description})` : '';
    return known ? `${known}${detail}` : `Sign-in failed: ${error.error}${detail}`;
  }
  if (isSessionExpiredError(error)) return 'Your session expired. Sign in again.';
  if (isNetworkError(error)) return 'The server could not be reached. Check your connection.';
  if (isProtocolError(error)) {
    if (error.reason === 'state_mismatch') {
      return 'This sign-in response does not match a sign-in started in this tab. Sign in again.';
    }
    if (error.reason === 'issuer_mismatch')
      return 'The sign-in response came from the wrong server.';
    return 'The server answered something unexpected.';
  }
  if (isApiError(error)) {
    return error.problem.detail ?? error.problem.title ?? `Request failed (${error.status}).`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * The typed SDK error for what the generated client throws: its parsed error body (a problem
 * document or an OAuth error) with the response, or an error thrown by fetch.
 */
export function toLatchkeyError(error: unknown, response: Response | undefined): unknown {
  if (isLatchkeyError(error) || !response) return error;
  const body =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  if (typeof body.error === 'string') {
    return new OAuthError(body as ConstructorParameters<typeof OAuthError>[0], response.status);
  }
  const problem: Problem =
    typeof body.title === 'string' || typeof body.status === 'number'
      ? {
          ...(body as Problem),
          errors: Array.isArray(body.errors) ? (body.errors as Problem['errors']) : undefined,
        }
      : {
          type: 'about:blank',
          title: response.statusText || `HTTP ${response.status}`,
          status: response.status,
        };
  return new ApiError(response.status, problem);
}

/**
 * Errors of the data hooks: every one is an SDK error (`ApiError` with `fieldErrors` for a 400,
 * `SessionExpiredError` when signed out, `NetworkError`, ...).
 *
 * @example
 * ```ts
 * const { error } = useClient(id);
 * if (error?.code === 'api_error' && error.status === 404) return <NotFound />;
 * ```
 */
export type DataError = LatchkeyErrorType;
