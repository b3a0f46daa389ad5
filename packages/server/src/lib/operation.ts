// The contract between the HTTP layer and the domains: a handler receives a plain request
// (already routed, authenticated and validated against the spec) and returns a plain result.
// Domains never see Koa.
import type { FieldError } from '../errors.js';

export type Role = 'admin' | 'member';

/** Who is calling the management API, from a bearer JWT access token or a PAT. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  clientId: string;
  scopes: ReadonlySet<string>;
  tokenType: 'access_token' | 'personal_access_token';
  /** The grant (token family) or personal access token the credential belongs to. */
  credentialId: string;
}

export interface OperationRequest<
  D extends { body?: unknown; path?: unknown; query?: unknown } = {
    body?: unknown;
    path?: unknown;
    query?: unknown;
  },
> {
  operationId: string;
  path: D['path'] extends object ? D['path'] : Record<string, never>;
  query: D['query'] extends object ? D['query'] : Record<string, never>;
  body: D['body'];
  headers: Readonly<Record<string, string | undefined>>;
  cookies: Readonly<Record<string, string>>;
  principal: Principal | undefined;
  ip: string;
  userAgent: string | undefined;
  requestId: string;
  /**
   * Set only for self-validating operations (HTML pages and redirects) whose request failed
   * validation: the handler then gets the raw, unvalidated input and decides how to answer.
   */
  invalid?: FieldError[];
}

export interface Cookie {
  name: string;
  value: string;
  maxAgeSeconds?: number;
  path?: string;
}

export interface OperationResult<S extends number = number, B = unknown> {
  status: S;
  body?: B;
  /** Defaults to JSON; HTML pages and Prometheus metrics set their own. */
  contentType?: string;
  headers?: Record<string, string>;
  cookies?: Cookie[];
}

/** A result typed by the operation's documented responses (hey-api's `XResponses`). */
export type ResultOf<R> = {
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- hey-api types 204 as void
  [S in keyof R & number]: OperationResult<S, R[S] extends void ? undefined : R[S]>;
}[keyof R & number];

export type OperationHandler<
  D extends { body?: unknown; path?: unknown; query?: unknown } = never,
  R = Record<number, unknown>,
> = (request: OperationRequest<D>) => Promise<ResultOf<R>> | ResultOf<R>;

/** A domain's handlers, keyed by operationId. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Routes = Record<string, OperationHandler<any, any>>;
