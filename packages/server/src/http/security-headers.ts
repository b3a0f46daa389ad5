// Security headers on every response; HTML pages get a strict CSP with no inline script.
// No form-action directive: browsers apply it to the redirect after the consent form posts,
// which would block the redirect back to the client.
import type { Context } from 'koa';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function setSecurityHeaders(ctx: Context): void {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
}
