// The one error hierarchy. Each error carries its HTTP status and its RFC 6749 error code;
// http/errors.ts renders it as RFC 6749 JSON on /oauth/* and RFC 9457 problem+json elsewhere.

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'invalid_token'
  | 'insufficient_scope';

export interface FieldError {
  /** JSON pointer to the offending field, e.g. "/redirect_uris/0". */
  pointer: string;
  detail: string;
}

export class LatchkeyError extends Error {
  readonly status: number;
  readonly code: OAuthErrorCode;
  readonly title: string;
  readonly fieldErrors: FieldError[] | undefined;
  /** Extra response headers, e.g. WWW-Authenticate or Retry-After. */
  headers: Record<string, string> = {};

  constructor(
    status: number,
    code: OAuthErrorCode,
    title: string,
    message: string,
    fieldErrors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.title = title;
    this.fieldErrors = fieldErrors;
  }
}

export class InvalidRequestError extends LatchkeyError {
  constructor(message: string, fieldErrors?: FieldError[]) {
    super(400, 'invalid_request', 'Bad Request', message, fieldErrors);
  }
}

/** RFC 6749 §5.2: client authentication failed (401 with WWW-Authenticate). */
export class InvalidClientError extends LatchkeyError {
  constructor(message = 'Client authentication failed.') {
    super(401, 'invalid_client', 'Unauthorized', message);
    this.headers['WWW-Authenticate'] = 'Basic realm="latchkey", charset="UTF-8"';
  }
}

export class InvalidGrantError extends LatchkeyError {
  constructor(message: string) {
    super(400, 'invalid_grant', 'Bad Request', message);
  }
}

export class UnauthorizedClientError extends LatchkeyError {
  constructor(message: string) {
    super(400, 'unauthorized_client', 'Bad Request', message);
  }
}

export class UnsupportedGrantTypeError extends LatchkeyError {
  constructor(message: string) {
    super(400, 'unsupported_grant_type', 'Bad Request', message);
  }
}

export class InvalidScopeError extends LatchkeyError {
  constructor(message: string) {
    super(400, 'invalid_scope', 'Bad Request', message);
  }
}

/** RFC 6750 §3.1: missing, invalid, expired or revoked bearer token. */
export class UnauthenticatedError extends LatchkeyError {
  constructor(message = 'A valid bearer token is required.', reason?: string) {
    super(401, 'invalid_token', 'Unauthorized', message);
    this.headers['WWW-Authenticate'] = reason
      ? `Bearer realm="latchkey", error="invalid_token", error_description="${reason}"`
      : 'Bearer realm="latchkey"';
  }
}

/** RFC 6750 §3.1: the token is valid but lacks the scope or role the operation needs. */
export class ForbiddenError extends LatchkeyError {
  constructor(message: string, scope?: string) {
    super(403, 'insufficient_scope', 'Forbidden', message);
    if (scope) {
      this.headers['WWW-Authenticate'] =
        `Bearer realm="latchkey", error="insufficient_scope", scope="${scope}"`;
    }
  }
}

export class NotFoundError extends LatchkeyError {
  constructor(message = 'Not found.') {
    super(404, 'invalid_request', 'Not Found', message);
  }
}

export class ConflictError extends LatchkeyError {
  constructor(message: string, fieldErrors?: FieldError[]) {
    super(409, 'invalid_request', 'Conflict', message, fieldErrors);
  }
}

export class TooManyRequestsError extends LatchkeyError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'temporarily_unavailable', 'Too Many Requests', message);
    this.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class NotImplementedError extends LatchkeyError {
  constructor(readonly operationId: string) {
    super(
      501,
      'server_error',
      'Not Implemented',
      `The operation ${operationId} is not implemented yet.`,
    );
  }
}
