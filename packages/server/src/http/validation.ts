// Request validation with the ajv validators openapi-backend compiled from the spec, and the
// translation of their errors into field errors: RFC 9457 `errors` on /api/*, and one RFC 6749
// invalid_request description on /oauth/*.
import type { OpenAPIBackend, Operation } from 'openapi-backend';
import { InvalidRequestError, type FieldError } from '../errors.js';

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** ajv reports `/requestBody/redirect_uris/0`, `/query/limit`, `/path/client_id`. */
function toFieldError(error: AjvError): FieldError {
  const [, section = '', ...rest] = error.instancePath.split('/');
  let pointer = section === 'requestBody' ? '' : `/${section}`;
  if (rest.length > 0) pointer += `/${rest.join('/')}`;
  if (error.keyword === 'required') {
    return { pointer: `${pointer}/${String(error.params.missingProperty)}`, detail: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    return {
      pointer: `${pointer}/${String(error.params.additionalProperty)}`,
      detail: 'is not allowed',
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).map(String).join(', ');
    return { pointer, detail: `must be one of: ${allowed}` };
  }
  return { pointer, detail: error.message ?? 'is invalid' };
}

export function validationError(errors: readonly AjvError[], path: string): InvalidRequestError {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const error of errors) {
    // `oneOf`/`anyOf` wrappers repeat what their branches already said.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const field = toFieldError(error);
    const key = `${field.pointer} ${field.detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      fields.push(field);
    }
  }
  const summary = fields
    .map((f) => `${f.pointer.replace(/^\//, '') || 'body'} ${f.detail}`)
    .join('; ');
  return new InvalidRequestError(
    path.startsWith('/oauth/') ? `Invalid request: ${summary}.` : 'The request is invalid.',
    fields,
  );
}

/** What a request carries, as openapi-backend's validators expect it. */
export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, unknown>;
  header: Readonly<Record<string, unknown>>;
  cookie: Readonly<Record<string, string>>;
  requestBody?: unknown;
}

export type RequestValidator = (parts: RequestParts) => AjvError[] | undefined;

/**
 * The operation's validators, run as openapi-backend's `validateRequest` runs them (query and
 * path coerced in place, the body checked when it is an object or declared JSON), without its
 * three re-parses of the request.
 */
export function requestValidator(api: OpenAPIBackend, operation: Operation): RequestValidator {
  const validators = api.validator.getRequestValidatorsForOperation(operation.operationId!);
  // A single value for a parameter declared as an array is a one-element array.
  const arrays = (operation.parameters ?? [])
    .filter(
      (p) => 'in' in p && p.in === 'query' && (p.schema as { type?: string })?.type === 'array',
    )
    .map((p) => (p as { name: string }).name);
  return (parts) => {
    for (const name of arrays) {
      const value = parts.query[name];
      if (typeof value === 'string') parts.query[name] = [value];
    }
    let errors: AjvError[] | undefined;
    for (const validate of validators) {
      if (validate(parts)) continue;
      errors ??= [];
      errors.push(...((validate.errors ?? []) as AjvError[]));
    }
    return errors;
  };
}
