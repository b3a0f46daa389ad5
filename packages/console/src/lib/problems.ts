// Turns an API error into messages next to the fields they are about (RFC 9457 `errors`,
// whose JSON Pointers name the request body's fields).
import { describeAuthError } from '@latchkey/react-hooks';
import { isApiError } from '@latchkey/sdk';

export interface FormErrors {
  /** Messages per top-level body field (`/redirect_uris/1` counts for `redirect_uris`). */
  fields: Record<string, string[]>;
  /** Messages not about one field. */
  general: string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/**
 * `describe(pointer, detail)` may rewrite a message, e.g. to say which redirect URL is meant.
 */
export function formErrors(
  error: unknown,
  describe: (pointer: string, detail: string) => string = (_p, d) => d,
): FormErrors {
  if (!error) return NO_ERRORS;
  if (!isApiError(error) || error.fieldErrors.length === 0) {
    return { fields: {}, general: [describeAuthError(error)] };
  }
  const result: FormErrors = { fields: {}, general: [] };
  for (const { pointer, detail } of error.fieldErrors) {
    const field = pointer.split('/')[1];
    const message = describe(pointer, detail);
    if (field) (result.fields[field] ??= []).push(message);
    else result.general.push(message);
  }
  return result;
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.fields).length > 0;
}
