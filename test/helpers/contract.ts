// Checks every response a test sees against the spec: the status must be documented for the
// operation, and a JSON body must match its schema. A mismatch fails the test.
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import { SPEC_PATH } from '../../packages/server/src/app.js';
import { withFormats } from '../../packages/server/src/lib/ajv-formats.js';

class Spec extends OpenAPIBackend {
  // The document is OpenAPI 3.1 (linted by Redocly); openapi-backend only knows 3.0's schema.
  override validateDefinition() {
    return this.document;
  }
}

let spec: Promise<Spec> | undefined;

function loadSpec(): Promise<Spec> {
  spec ??= new Spec({
    definition: SPEC_PATH,
    strict: true,
    ajvOpts: { strict: false },
    customizeAjv: withFormats,
  }).init() as Promise<Spec>;
  return spec;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Validates one response; throws ContractViolation when the spec does not describe it. */
export async function checkResponse(
  method: string,
  url: string,
  response: Response,
): Promise<void> {
  const api = await loadSpec();
  const { pathname } = new URL(url);
  const operation = api.matchOperation({ method, path: pathname, headers: {} }) as
    Operation | undefined;
  const where = `${method} ${pathname} -> ${response.status}`;
  if (!operation) {
    // Unknown paths must still answer with a problem document.
    if (response.status !== 404 && response.status !== 405)
      throw new ContractViolation(`${where}: no such operation in the spec`);
    return;
  }
  const responses = operation.responses ?? {};
  const documented =
    responses[String(response.status)] ??
    responses[`${String(response.status)[0]}XX`] ??
    responses.default;
  // 501 is documented once, in components, for operations not built yet.
  if (!documented && response.status !== 501) {
    throw new ContractViolation(`${where}: status not documented for ${operation.operationId}`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/json/.test(type) || response.status === 501) return;
  const body = (await response.clone().json()) as unknown;
  const result = api.validator.validateResponse(body, operation, response.status);
  if (result.errors && result.errors.length > 0) {
    throw new ContractViolation(
      `${where}: body does not match the spec: ${JSON.stringify(result.errors.slice(0, 5))}`,
    );
  }
}

/** A fetch that validates every response against the contract before handing it over. */
export function contractFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await base(request);
    await checkResponse(request.method, request.url, response);
    return response;
  };
}
