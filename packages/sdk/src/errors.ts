// The SDK's one error hierarchy. Every error it throws is a LatchkeyError whose `code` is one of
// a fixed set, so callers can `switch (error.code)` and TypeScript narrows to the right class.
import type {
  OAuthError as OAuthErrorBody,
  Problem,
  ProblemFieldError,
} from './generated/types.gen.js';

const BRAND = Symbol.for('@latchkey/sdk/error');

/**
 * The stable `code` of every error the SDK throws; the discriminant of {@link LatchkeyErrorType}.
 *
 * @example
 * ```ts
 * const code: LatchkeyErrorCode = 'session_expired';
 * ```
 */
export type LatchkeyErrorCode =
  'oauth_error' | 'api_error' | 'network_error' | 'session_expired' | 'protocol_error';

/**
 * Error codes of the OAuth endpoints and the authorization response: RFC 6749 §4.1.2.1 and
 * §5.2, RFC 7009 `unsupported_token_type`, RFC 8628 `slow_down`, and the `prompt=none`
 * outcomes `login_required` / `consent_required`. Unknown codes from other servers are kept
 * as plain strings.
 *
 * @example
 * ```ts
 * if (error.error === 'invalid_grant') await login();
 * ```
 */
export type OAuthErrorCode =
  | NonNullable<OAuthErrorBody['error']>
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | (string & {});

/**
 * Base class of every error the SDK throws. Prefer the type guards (`isApiError`, ...) or a
 * `switch` on `code` over `instanceof`: they also work across duplicated copies of the SDK.
 *
 * @example
 * ```ts
 * try {
 *   await latchkey.clients.get('cl_123');
 * } catch (error) {
 *   if (error instanceof LatchkeyError) console.error(error.code, error.message);
 *   else throw error;
 * }
 * ```
 */
export abstract class LatchkeyError extends Error {
  /** Stable machine-readable category; see {@link LatchkeyErrorCode}. */
  abstract readonly code: LatchkeyErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // A registry symbol, so the guards recognise errors from another copy of the SDK too.
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * An OAuth 2.0 error (RFC 6749 §5.2) from the token, revocation or introspection endpoint, or
 * an error in the authorization response (RFC 6749 §4.1.2.1) found by `parseCallback`.
 *
 * @example
 * ```ts
 * try {
 *   await exchangeCode({ server, client, code, redirectUri, codeVerifier });
 * } catch (error) {
 *   if (isOAuthError(error) && error.error === 'invalid_grant') restartLogin();
 * }
 * ```
 */
export class OAuthError extends LatchkeyError {
  readonly code = 'oauth_error' as const;
  override readonly name = 'OAuthError';
  /** The RFC 6749 `error` code, e.g. `invalid_grant`. */
  readonly error: OAuthErrorCode;
  /** The server's `error_description`, for developers. */
  readonly description: string | undefined;
  /** The server's `error_uri`. */
  readonly uri: string | undefined;
  /** HTTP status of the response; undefined for errors in an authorization response. */
  readonly status: number | undefined;

  constructor(
    body: { error: string; error_description?: string; error_uri?: string },
    status?: number,
  ) {
    super(body.error_description ? `${body.error}: ${body.error_description}` : body.error);
    this.error = body.error;
    this.description = body.error_description;
    this.uri = body.error_uri;
    this.status = status;
  }
}

/**
 * An error answer of the management API (`/api/*`): an RFC 9457 problem document with the HTTP
 * status, and for validation failures one entry per bad field in `fieldErrors`.
 *
 * @example
 * ```ts
 * try {
 *   await latchkey.clients.create({ client_name: '' });
 * } catch (error) {
 *   if (isApiError(error) && error.status === 400) {
 *     for (const { pointer, detail } of error.fieldErrors) console.log(pointer, detail);
 *   }
 * }
 * ```
 */
export class ApiError extends LatchkeyError {
  readonly code = 'api_error' as const;
  override readonly name = 'ApiError';
  /** HTTP status, e.g. 404. */
  readonly status: number;
  /** The problem document as the server sent it (or one made up from a non-JSON answer). */
  readonly problem: Problem;
  /** RFC 9457 `errors`: JSON Pointer into the request body and what is wrong there. */
  readonly fieldErrors: ProblemFieldError[];

  constructor(status: number, problem: Problem) {
    const title = problem.title ?? `HTTP ${status}`;
    const fields = (problem.errors ?? []).map((e) => `${e.pointer || '(body)'} ${e.detail}`);
    const detail = [problem.detail, fields.join('; ')].filter(Boolean).join(' ');
    super(`${status} ${title}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.problem = problem;
    this.fieldErrors = problem.errors ?? [];
  }
}

/**
 * The request never got an HTTP answer: DNS, connection refused, TLS, CORS, or an abort.
 * The original error is in `cause`.
 *
 * @example
 * ```ts
 * if (isNetworkError(error)) showBanner('Latchkey is unreachable, retrying…');
 * ```
 */
export class NetworkError extends LatchkeyError {
  readonly code = 'network_error' as const;
  override readonly name = 'NetworkError';
  /** The URL that could not be reached. */
  readonly url: string;

  constructor(url: string, cause: unknown) {
    const reason = describeCause(cause);
    super(`Could not reach ${url}${reason ? `: ${reason}` : ''}`, { cause });
    this.url = url;
  }
}

/**
 * The session is over and the user has to sign in again: the refresh token was rejected with
 * `invalid_grant` (expired, revoked or reused), or there is no token to refresh at all.
 * The OAuthError that ended it, if any, is in `cause`.
 *
 * @example
 * ```ts
 * if (isSessionExpiredError(error)) window.location.assign('/login');
 * ```
 */
export class SessionExpiredError extends LatchkeyError {
  readonly code = 'session_expired' as const;
  override readonly name = 'SessionExpiredError';

  constructor(message = 'The session expired; sign in again.', cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/**
 * A response failed a protocol check the SDK makes for you: a `state` or `iss` mismatch in the
 * authorization response (RFC 6749 §10.12, RFC 9207), an issuer mismatch in discovery
 * (RFC 8414 §3.3), or a body that is not what the endpoint must answer.
 *
 * @example
 * ```ts
 * if (isProtocolError(error) && error.reason === 'state_mismatch') restartLogin();
 * ```
 */
export class ProtocolError extends LatchkeyError {
  readonly code = 'protocol_error' as const;
  override readonly name = 'ProtocolError';
  /** Which check failed. */
  readonly reason: ProtocolErrorReason;

  constructor(reason: ProtocolErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Which protocol check a {@link ProtocolError} reports.
 *
 * @example
 * ```ts
 * const reason: ProtocolErrorReason = 'issuer_mismatch';
 * ```
 */
export type ProtocolErrorReason =
  'state_mismatch' | 'issuer_mismatch' | 'missing_code' | 'invalid_response';

/**
 * Every error the SDK throws, as a discriminated union on `code`.
 *
 * @example
 * ```ts
 * function explain(error: LatchkeyErrorType): string {
 *   switch (error.code) {
 *     case 'api_error':
 *       return `HTTP ${error.status}: ${error.problem.detail ?? ''}`;
 *     case 'oauth_error':
 *       return error.error;
 *     case 'network_error':
 *       return `offline (${error.url})`;
 *     case 'session_expired':
 *       return 'please sign in again';
 *     case 'protocol_error':
 *       return error.reason;
 *   }
 * }
 * ```
 */
export type LatchkeyErrorType =
  OAuthError | ApiError | NetworkError | SessionExpiredError | ProtocolError;

/**
 * Whether `value` is an error thrown by the SDK; narrows to the {@link LatchkeyErrorType} union.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (!isLatchkeyError(error)) throw error;
 *   switch (error.code) { ... }
 * }
 * ```
 */
export function isLatchkeyError(value: unknown): value is LatchkeyErrorType {
  return typeof value === 'object' && value !== null && BRAND in value;
}

/**
 * Whether `value` is an {@link OAuthError}.
 *
 * @example
 * ```ts
 * if (isOAuthError(error) && error.error === 'invalid_client') console.error('check the secret');
 * ```
 */
export function isOAuthError(value: unknown): value is OAuthError {
  return isLatchkeyError(value) && value.code === 'oauth_error';
}

/**
 * Whether `value` is an {@link ApiError}.
 *
 * @example
 * ```ts
 * if (isApiError(error) && error.status === 404) return null;
 * ```
 */
export function isApiError(value: unknown): value is ApiError {
  return isLatchkeyError(value) && value.code === 'api_error';
}

/**
 * Whether `value` is a {@link NetworkError}.
 *
 * @example
 * ```ts
 * if (isNetworkError(error)) await sleep(1000);
 * ```
 */
export function isNetworkError(value: unknown): value is NetworkError {
  return isLatchkeyError(value) && value.code === 'network_error';
}

/**
 * Whether `value` is a {@link SessionExpiredError}.
 *
 * @example
 * ```ts
 * if (isSessionExpiredError(error)) redirectToLogin();
 * ```
 */
export function isSessionExpiredError(value: unknown): value is SessionExpiredError {
  return isLatchkeyError(value) && value.code === 'session_expired';
}

/**
 * Whether `value` is a {@link ProtocolError}.
 *
 * @example
 * ```ts
 * if (isProtocolError(error)) console.error('possible CSRF or mix-up attack:', error.reason);
 * ```
 */
export function isProtocolError(value: unknown): value is ProtocolError {
  return isLatchkeyError(value) && value.code === 'protocol_error';
}

// ---- internal helpers (not exported from index.ts) ----

/** Node's fetch hides the socket error in `cause`; surface it ("connect ECONNREFUSED ..."). */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return cause === undefined ? '' : String(cause);
  const inner = cause.cause;
  if (inner instanceof Error && inner.message) return inner.message;
  if (typeof inner === 'object' && inner && 'code' in inner) return String(inner.code);
  return cause.message;
}

/** Builds the error for a non-2xx answer whose body was already read (`body`: JSON or text). */
export function errorFromResponse(response: Response, body: unknown): ApiError | OAuthError {
  if (isObject(body) && typeof body.error === 'string') {
    return new OAuthError(body as OAuthErrorBody, response.status);
  }
  if (isObject(body) && (typeof body.title === 'string' || typeof body.status === 'number')) {
    const problem = body as Problem;
    return new ApiError(response.status, {
      ...problem,
      errors: Array.isArray(problem.errors) ? problem.errors : undefined,
    });
  }
  const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
  return new ApiError(response.status, {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(text && !text.startsWith('<') ? { detail: text } : {}),
  });
}

/** Reads a response body as JSON when it says so, else as text. */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (/json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
