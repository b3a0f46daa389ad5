// ajv-formats for openapi-backend's validator: uri, email, date-time, uri-reference...
import addFormats from 'ajv-formats';

export function withFormats<T>(ajv: T): T {
  return addFormats.default(ajv as never) as T;
}
