// Builds the Koa application: one frame around every request (request id, error rendering,
// security headers, metrics, request log), then the console's files and the contract-driven API.
import Koa, { type Middleware } from 'koa';
import type { Logger } from 'pino';
import { LatchkeyError } from '../errors.js';
import { apiMiddleware, type ApiOptions } from './api.js';
import { assignRequestId, logRequest } from './logging.js';
import type { Metrics } from './metrics.js';
import { internalError, renderError } from './render.js';
import { setSecurityHeaders } from './security-headers.js';

export interface HttpOptions extends ApiOptions {
  logger: Logger;
  metrics: Metrics;
  /** Set Secure on cookies (the issuer is https). */
  secureCookies: boolean;
  /** Middleware mounted before the API, e.g. the console's static files. */
  extra?: Middleware[];
}

/**
 * Everything every request gets, in one middleware rather than five (each Koa layer is one more
 * async frame per request): an error becomes its problem/OAuth answer, an unexpected one a 500
 * that reveals nothing; then the security headers, the metrics and the log line.
 */
function frame(options: HttpOptions): Middleware {
  const { logger, metrics, secureCookies } = options;
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    assignRequestId(ctx);
    ctx.state.secureCookies = secureCookies;
    try {
      await next();
    } catch (err) {
      if (err instanceof LatchkeyError) renderError(ctx, err);
      else {
        logger.error({ err, req_id: ctx.state.requestId, path: ctx.path }, 'unexpected error');
        renderError(ctx, internalError());
      }
    }
    setSecurityHeaders(ctx);
    metrics.count(ctx.status);
    logRequest(logger, ctx, started);
  };
}

export async function createHttpApp(options: HttpOptions): Promise<Koa> {
  const app = new Koa({ proxy: false });
  app.silent = true;
  app.use(frame(options));
  for (const middleware of options.extra ?? []) app.use(middleware);
  app.use(await apiMiddleware(options));
  return app;
}
