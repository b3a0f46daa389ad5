// Structured request logs. Only the method, the path without its query string (which may carry
// codes and state), the status and the duration: never a header, a body or a token.
import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { Logger } from 'pino';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The caller's X-Request-Id when it is a sane one, else a new one; echoed in the response. */
export function assignRequestId(ctx: Context): string {
  const incoming = ctx.get('X-Request-Id');
  const id = REQUEST_ID.test(incoming) ? incoming : randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  return id;
}

export function logRequest(logger: Logger, ctx: Context, startedNs: bigint): void {
  if (!logger.isLevelEnabled('info')) return;
  const ms = Number(process.hrtime.bigint() - startedNs) / 1e6;
  logger.info(
    {
      req_id: ctx.state.requestId,
      method: ctx.method,
      path: ctx.path,
      status: ctx.status,
      ms: Math.round(ms * 10) / 10,
    },
    'request',
  );
}
