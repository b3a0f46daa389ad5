// The one place the SDK calls fetch: failures to get any answer become NetworkError.
import { NetworkError, isLatchkeyError } from './errors.js';

/**
 * A fetch implementation: `globalThis.fetch` or anything with the same signature (a test
 * double, a fetch with a proxy agent, `tokenManager.authFetch`).
 *
 * @example
 * ```ts
 * const logged: FetchLike = async (input, init) => {
 *   const response = await fetch(input, init);
 *   console.log(response.status);
 *   return response;
 * };
 * ```
 */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Sends `request`; throws NetworkError when there is no HTTP answer at all. */
export async function send(fetchFn: FetchLike | undefined, request: Request): Promise<Response> {
  // Resolved per call, so a fetch patched after import (msw, polyfills) is honoured.
  const doFetch = fetchFn ?? globalThis.fetch;
  try {
    return await doFetch(request);
  } catch (error) {
    if (isLatchkeyError(error)) throw error;
    throw new NetworkError(stripQuery(request.url), error);
  }
}

/** Query strings may carry codes or tokens; error messages never show them. */
function stripQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}
