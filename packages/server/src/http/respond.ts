// Writes a handler's plain result to Koa, and reads cookies for handlers.
import type { Context } from 'koa';
import type { Cookie, OperationResult } from '../lib/operation.js';

export function applyResult(ctx: Context, result: OperationResult): void {
  ctx.status = result.status;
  for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
  for (const cookie of result.cookies ?? []) ctx.append('Set-Cookie', serializeCookie(ctx, cookie));
  if (result.body === undefined) {
    if (result.status !== 204 && result.status < 300) ctx.body = '';
    return;
  }
  ctx.body = result.body;
  if (result.contentType) ctx.type = result.contentType;
}

/** HttpOnly and SameSite=Lax always; Secure whenever the request came over https. */
function serializeCookie(ctx: Context, cookie: Cookie): string {
  const parts = [
    `${cookie.name}=${encodeURIComponent(cookie.value)}`,
    `Path=${cookie.path ?? '/'}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (cookie.maxAgeSeconds !== undefined) parts.push(`Max-Age=${cookie.maxAgeSeconds}`);
  if (ctx.state.secureCookies) parts.push('Secure');
  return parts.join('; ');
}

export function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A cookie we did not write; ignore it.
    }
  }
  return out;
}
