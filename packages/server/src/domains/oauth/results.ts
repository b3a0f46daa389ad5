// Result shapes shared by the HTML endpoints: pages that are never cached, and redirects.
import type { Cookie, OperationResult } from '../../lib/operation.js';
import { errorPage } from '../../views/index.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function htmlPage(
  status: number,
  body: string,
  extra: { cookies?: (Cookie | undefined)[]; headers?: Record<string, string> } = {},
): OperationResult {
  return {
    status,
    body,
    contentType: 'text/html; charset=utf-8',
    headers: { ...NO_STORE, ...extra.headers },
    cookies: (extra.cookies ?? []).filter((c): c is Cookie => c !== undefined),
  };
}

export function errorResult(status: number, title: string, message: string): OperationResult {
  return htmlPage(status, errorPage({ title, message }));
}

export function redirect(
  status: 302 | 303,
  location: string,
  cookies: Cookie[] = [],
): OperationResult {
  return { status, headers: { ...NO_STORE, Location: location }, cookies };
}

/** A same-origin path (the spec's ReturnTo): never "//host" or "/\host", so never an open redirect. */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!/^\/(?![/\\])/.test(value)) return undefined;
  // No control characters (header splitting, browsers dropping tabs and newlines).
  return [...value].every((ch) => ch >= ' ' && ch !== '\u007f') ? value : undefined;
}

/** The string fields of a form body (raw when validation failed). */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
