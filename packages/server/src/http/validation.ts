// Turns openapi-backend's (ajv) validation errors into field errors: RFC 9457 `errors` on
// /api/*, and one RFC 6749 invalid_request description on /oauth/*.
import type { Context as ApiContext } from 'openapi-backend';
import { InvalidRequestError, type FieldError } from '../errors.js';

interface AjvError {
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

export function validationError(c: ApiContext): InvalidRequestError {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const error of (c.validation.errors ?? []) as AjvError[]) {
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
    c.request.path.startsWith('/oauth/')
      ? `Invalid request: ${summary}.`
      : 'The request is invalid.',
    fields,
  );
}
