// openapi-backend wiring: the spec routes every request to the handler bound to its
// operationId, after authentication and validation; bad requests never reach a handler.
import type { Context as KoaContext, Middleware } from 'koa';
import {
  OpenAPIBackend,
  type Context as ApiContext,
  type Request as ApiRequest,
} from 'openapi-backend';
import { LatchkeyError, NotImplementedError } from '../errors.js';
import { withFormats } from '../lib/ajv-formats.js';
import type { OperationRequest, Principal, Routes } from '../lib/operation.js';
import { authorize, bearerSecurity, type Authenticator } from './auth.js';
import { bodyKind, readBody } from './body.js';
import { applyResult, parseCookies } from './respond.js';
import { validationError } from './validation.js';

/** openapi-backend validates against the OpenAPI 3.0 schema; our 3.1 spec is linted by Redocly. */
class ContractBackend extends OpenAPIBackend {
  override validateDefinition() {
    return this.document;
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface ApiOptions {
  specPath: string;
  routes: Routes;
  authenticate: Authenticator;
  /**
   * Operations that answer validation failures themselves (HTML pages, authorization
   * redirects per RFC 6749 §4.1.2.1): their handler runs with `request.invalid` set.
   */
  selfValidating?: readonly string[];
}

export async function apiMiddleware(options: ApiOptions): Promise<Middleware> {
  const { routes } = options;
  const selfValidating = new Set(options.selfValidating ?? []);
  const api = new ContractBackend({
    definition: options.specPath,
    strict: true,
    validate: true,
    coerceTypes: true,
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: withFormats,
  });
  const bearer = bearerSecurity(options.authenticate, (operationId) => operationId in routes);
  api.registerSecurityHandler('bearerAuth', bearer);
  api.registerSecurityHandler('oauth2', bearer);
  // Client authentication itself happens in the token, revocation and introspection handlers.
  api.registerSecurityHandler('clientBasic', (c: ApiContext) =>
    /^basic /i.test(String(c.request.headers.authorization ?? '')),
  );
  api.register({
    notFound: () => {
      throw new LatchkeyError(404, 'invalid_request', 'Not Found', 'No such resource.');
    },
    methodNotAllowed: (c: ApiContext) => {
      const allowed = METHODS.filter((method) => api.matchOperation({ ...c.request, method }));
      const err = new LatchkeyError(
        405,
        'invalid_request',
        'Method Not Allowed',
        `Use ${allowed.map((m) => m.toUpperCase()).join(', ')}.`,
      );
      err.headers.Allow = allowed.map((m) => m.toUpperCase()).join(', ');
      throw err;
    },
    unauthorizedHandler: (c: ApiContext) => {
      throw bearer.failure(c);
    },
    postSecurityHandler: (c: ApiContext) => {
      if (c.security?.authorized) authorize(c);
    },
    validationFail: async (c: ApiContext, ctx: KoaContext) => {
      const error = validationError(c);
      const handler = routes[c.operation.operationId!];
      if (!handler || !selfValidating.has(c.operation.operationId!)) throw error;
      const request = toOperationRequest(c, ctx);
      applyResult(ctx, await handler({ ...request, invalid: error.fieldErrors ?? [] }));
    },
  });
  await api.init();
  memoizeRouting(api);
  for (const operation of api.getOperations()) {
    const handler = routes[operation.operationId!];
    api.register(operation.operationId!, async (c: ApiContext, ctx: KoaContext) => {
      if (!handler) throw new NotImplementedError(operation.operationId!);
      applyResult(ctx, await handler(toOperationRequest(c, ctx)));
    });
  }

  return async (ctx) => {
    assertDecodablePath(ctx.path);
    const kind = bodyKind(ctx.get('Content-Type') || undefined);
    const body =
      ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readBody(ctx.req, kind);
    const request: ApiRequest = {
      method: ctx.method,
      path: ctx.path,
      query: ctx.querystring,
      headers: ctx.headers as ApiRequest['headers'],
      body,
    };
    await api.handleRequest(request, ctx);
  };
}

/** The router decodes path parameters and throws on bad percent-encoding: a client's mistake. */
function assertDecodablePath(path: string): void {
  try {
    decodeURIComponent(path);
  } catch {
    throw new LatchkeyError(
      400,
      'invalid_request',
      'Bad Request',
      'The request path is not valid percent-encoding.',
    );
  }
}

/**
 * openapi-backend rebuilds its operation list (a lodash chain over the whole document) twice
 * for every request it routes, then tries every path template as a fresh RegExp: about a quarter
 * of the token endpoint's CPU in a profile. The document never changes after init, so the list
 * is built once and successful matches are remembered per method and path (bounded).
 */
function memoizeRouting(api: OpenAPIBackend): void {
  const router = api.router;
  const operations = router.getOperations();
  router.getOperations = () => operations;
  const match = router.matchOperation.bind(router);
  const matches = new Map<string, ReturnType<typeof match>>();
  router.matchOperation = ((req: ApiRequest, strict?: boolean) => {
    const key = `${req.method.toLowerCase()} ${req.path}`;
    const hit = matches.get(key);
    if (hit) return hit;
    const found = match(req, strict as true);
    if (found) {
      if (matches.size >= 5_000) matches.clear();
      matches.set(key, found);
    }
    return found;
  }) as typeof router.matchOperation;
}

function toOperationRequest(c: ApiContext, ctx: KoaContext): OperationRequest {
  return {
    operationId: c.operation.operationId!,
    path: c.request.params as never,
    query: c.request.query as never,
    body: c.request.requestBody,
    headers: ctx.headers as Record<string, string | undefined>,
    cookies: parseCookies(ctx.get('Cookie')),
    principal: (c.security?.bearerAuth ?? c.security?.oauth2) as Principal | undefined,
    ip: ctx.ip,
    userAgent: ctx.get('User-Agent') || undefined,
    requestId: String(ctx.state.requestId ?? ''),
  };
}
