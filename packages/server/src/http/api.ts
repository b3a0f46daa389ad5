// The contract-driven API: openapi-backend reads the spec and compiles its validators once;
// each request is then routed, authenticated and validated here, in that order, against that
// compiled form, and only a request that passes reaches the handler bound to its operationId.
// (openapi-backend's own handleRequest re-parses every request four times with lodash, qs and
// a RegExp per path template: about a quarter of the token endpoint's CPU.)
import type { Context as KoaContext, Middleware } from 'koa';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import { LatchkeyError, NotImplementedError } from '../errors.js';
import { withFormats } from '../lib/ajv-formats.js';
import type { OperationRequest, Principal, Routes } from '../lib/operation.js';
import {
  authorize,
  bearerFailureError,
  bearerPrincipal,
  isBasic,
  requirementOf,
  type Authenticator,
  type Requirement,
  type BearerFailure,
} from './auth.js';
import { bodyKind, readBody } from './body.js';
import { applyResult, parseCookies } from './respond.js';
import { RouteTable, type Method } from './router.js';
import { requestValidator, validationError, type RequestValidator } from './validation.js';

/** openapi-backend validates against the OpenAPI 3.0 schema; our 3.1 spec is linted by Redocly. */
class ContractBackend extends OpenAPIBackend {
  override validateDefinition() {
    return this.document;
  }
}

const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];
/** Both name a bearer token (RFC 6750); oauth2 documents the flows that issue it. */
const BEARER_SCHEMES = new Set(['bearerAuth', 'oauth2']);

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

/** Everything decided about an operation at start-up. */
interface Compiled {
  operationId: string;
  /** Security requirement alternatives (any one must hold), each a list of scheme names. */
  requirements: string[][];
  usesBearer: boolean;
  /** Scopes and role a bearer principal must have. */
  required: Requirement;
  validate: RequestValidator;
  handler: Routes[string] | undefined;
  selfValidating: boolean;
}

export async function apiMiddleware(options: ApiOptions): Promise<Middleware> {
  const api = new ContractBackend({
    definition: options.specPath,
    strict: true,
    // Compile only the request validators, below: response validators are never used here and
    // cost ~15 MB of resident memory for nothing.
    quick: true,
    validate: true,
    coerceTypes: true,
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: withFormats,
  });
  await api.init();
  const operations = api.getOperations();
  const table = new RouteTable(operations);
  const compiled = new Map<Operation, Compiled>();
  for (const operation of operations) {
    const operationId = operation.operationId!;
    const requirements = (operation.security ?? []).map((req) => Object.keys(req));
    compiled.set(operation, {
      operationId,
      requirements,
      usesBearer: requirements.some((r) => r.some((scheme) => BEARER_SCHEMES.has(scheme))),
      required: requirementOf(operation),
      validate: requestValidator(api, operation),
      handler: options.routes[operationId],
      selfValidating: options.selfValidating?.includes(operationId) ?? false,
    });
  }

  return async (ctx) => {
    assertDecodablePath(ctx.path);
    const kind = bodyKind(ctx.get('Content-Type') || undefined);
    const body =
      ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readBody(ctx.req, kind);
    const route = table.match(ctx.method, ctx.path);
    if (!route) throw new LatchkeyError(404, 'invalid_request', 'Not Found', 'No such resource.');
    if ('allowed' in route) throw methodNotAllowed(route.allowed);
    const op = compiled.get(route.operation)!;
    const principal = await authenticateRequest(op, ctx, options.authenticate);

    const query = parseQuery(ctx.querystring);
    const cookies = parseCookies(ctx.get('Cookie'));
    const parts = { path: route.params, query, header: ctx.headers, cookie: cookies };
    const errors = op.validate(
      typeof body === 'object' || kind === 'json' ? { ...parts, requestBody: body } : parts,
    );
    const request: OperationRequest = {
      operationId: op.operationId,
      path: route.params as never,
      query: query as never,
      body,
      headers: ctx.headers as Record<string, string | undefined>,
      cookies,
      principal,
      ip: ctx.ip,
      userAgent: ctx.get('User-Agent') || undefined,
      requestId: String(ctx.state.requestId ?? ''),
    };
    if (errors) {
      const error = validationError(errors, ctx.path);
      if (!op.handler || !op.selfValidating) throw error;
      applyResult(ctx, await op.handler({ ...request, invalid: error.fieldErrors ?? [] }));
      return;
    }
    if (!op.handler) throw new NotImplementedError(op.operationId);
    applyResult(ctx, await op.handler(request));
  };
}

/**
 * The operation's security requirements (RFC 6750 bearer tokens; HTTP Basic for clients, whose
 * secret the OAuth handlers check): 401 when no alternative holds, 403 when the token lacks a
 * scope or role the operation requires. An operation not built yet answers 501 to anyone.
 */
async function authenticateRequest(
  op: Compiled,
  ctx: KoaContext,
  authenticate: Authenticator,
): Promise<Principal | undefined> {
  if (op.requirements.length === 0 || !op.handler) return undefined;
  const header = ctx.get('Authorization') || undefined;
  const bearer: Principal | BearerFailure | undefined = op.usesBearer
    ? await bearerPrincipal(authenticate, header)
    : undefined;
  const principal = typeof bearer === 'object' ? bearer : undefined;
  // A scheme this server does not know never holds: a new one in the spec fails closed.
  const holds = (scheme: string) =>
    scheme === 'clientBasic'
      ? isBasic(header)
      : BEARER_SCHEMES.has(scheme) && principal !== undefined;
  if (!op.requirements.some((schemes) => schemes.every(holds))) {
    throw bearerFailureError(typeof bearer === 'string' ? bearer : undefined);
  }
  if (principal) authorize(principal, op.required);
  return principal;
}

function methodNotAllowed(allowed: readonly Method[]): LatchkeyError {
  const list = METHODS.filter((m) => allowed.includes(m))
    .map((m) => m.toUpperCase())
    .join(', ');
  const err = new LatchkeyError(405, 'invalid_request', 'Method Not Allowed', `Use ${list}.`);
  err.headers.Allow = list;
  return err;
}

/** Query parameters; a repeated one becomes an array (which a scalar schema then refuses). */
function parseQuery(querystring: string): Record<string, unknown> {
  // No prototype: `__proto__` or `constructor` is just another (unknown, refused) parameter.
  const query = Object.create(null) as Record<string, unknown>;
  if (!querystring) return query;
  for (const [key, value] of new URLSearchParams(querystring)) {
    const seen = query[key];
    if (seen === undefined) query[key] = value;
    else query[key] = Array.isArray(seen) ? [...(seen as string[]), value] : [seen, value];
  }
  return query;
}

/** Path parameters are percent-decoded: broken encoding is the client's mistake, a 400. */
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
