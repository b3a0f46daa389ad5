// Renders errors: RFC 6749 §5.2 JSON on /oauth/*, RFC 9457 problem+json everywhere else.
// Anything unexpected becomes a 500 with no internals.
import type { Context } from 'koa';
import { LatchkeyError, NotImplementedError } from '../errors.js';

export function isOAuthPath(path: string): boolean {
  return path.startsWith('/oauth/');
}

export function renderError(ctx: Context, err: LatchkeyError): void {
  for (const [name, value] of Object.entries(err.headers)) ctx.set(name, value);
  ctx.status = err.status;
  if (isOAuthPath(ctx.path) && !(err instanceof NotImplementedError)) {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = { error: err.code, error_description: err.message };
    return;
  }
  ctx.type = 'application/problem+json';
  ctx.body = {
    type: 'about:blank',
    title: err.title,
    status: err.status,
    detail: err.message,
    ...(err.fieldErrors ? { errors: err.fieldErrors } : {}),
    ...(err instanceof NotImplementedError ? { operation_id: err.operationId } : {}),
  };
}

export function internalError(): LatchkeyError {
  return new LatchkeyError(
    500,
    'server_error',
    'Internal Server Error',
    'An unexpected error occurred.',
  );
}
