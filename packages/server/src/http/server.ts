// Builds the Koa application: error rendering, request logs, metrics, security headers,
// then the contract-driven API.
import Koa, { type Middleware } from 'koa';
import type { Logger } from 'pino';
import { LatchkeyError } from '../errors.js';
import { apiMiddleware, type ApiOptions } from './api.js';
import { requestLog } from './logging.js';
import type { Metrics } from './metrics.js';
import { internalError, renderError } from './render.js';
import { securityHeaders } from './security-headers.js';

export interface HttpOptions extends ApiOptions {
  logger: Logger;
  metrics: Metrics;
  /** Set Secure on cookies (the issuer is https). */
  secureCookies: boolean;
  /** Middleware mounted before the API, e.g. the console's static files. */
  extra?: Middleware[];
}

function errors(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof LatchkeyError) {
        renderError(ctx, err);
        return;
      }
      logger.error({ err, req_id: ctx.state.requestId, path: ctx.path }, 'unexpected error');
      renderError(ctx, internalError());
    }
  };
}

export async function createHttpApp(options: HttpOptions): Promise<Koa> {
  const app = new Koa({ proxy: false });
  app.silent = true;
  app.use(requestLog(options.logger));
  app.use(options.metrics.middleware());
  app.use(securityHeaders());
  app.use(errors(options.logger));
  app.use(async (ctx, next) => {
    ctx.state.secureCookies = options.secureCookies;
    await next();
  });
  for (const middleware of options.extra ?? []) app.use(middleware);
  app.use(await apiMiddleware(options));
  return app;
}
