// CSRF tokens and signed pending requests. Before sign-in, a random cookie backs the login form
// (double submit); after sign-in, tokens derive from the session's own CSRF secret. Tokens are
// HMACs, so a page never shows the secret itself.
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../lib/crypto.js';

export function mac(secret: string, purpose: string, data = ''): string {
  return createHmac('sha256', secret).update(`${purpose}\n${data}`).digest('base64url');
}

/** Constant-time check of a presented token against the expected one. */
export function tokenMatches(
  presented: unknown,
  secret: string | undefined,
  purpose: string,
): boolean {
  if (typeof presented !== 'string' || !secret) return false;
  return constantTimeEqual(presented, mac(secret, purpose));
}

/** The consent form's pending request: its parameters, signed with the session's secret. */
export function signRequest(secret: string, params: object, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...params, iat: Math.floor(now / 1000) })).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, 'authorization-request', payload)}`;
}

/** The parameters of a pending request signed for this session and not older than `maxAgeSeconds`. */
export function verifyRequest(
  secret: string,
  signed: string,
  maxAgeSeconds: number,
  now = Date.now(),
): Record<string, unknown> | undefined {
  const [payload = '', signature = ''] = signed.split('.');
  if (!constantTimeEqual(signature, mac(secret, 'authorization-request', payload)))
    return undefined;
  try {
    const params = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!params || typeof params !== 'object') return undefined;
    const { iat, ...rest } = params as Record<string, unknown>;
    if (typeof iat !== 'number' || now / 1000 - iat > maxAgeSeconds) return undefined;
    return rest;
  } catch {
    return undefined;
  }
}
