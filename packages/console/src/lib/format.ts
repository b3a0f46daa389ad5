// Display helpers: dates, durations, grant names.
import type { GrantType, TokenEndpointAuthMethod } from '@latchkey/sdk';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? date.format(new Date(value)) : '—';
}

/** "3 days ago", "in 2 months". */
export function formatRelative(value: string): string {
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(0, 'minute');
}

/** Seconds as "1 hour", "30 days"; null as the server default. */
export function formatLifetime(seconds: number | null, fallback: string): string {
  if (seconds === null) return fallback;
  const units: [string, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

export const GRANT_LABELS: Record<GrantType, string> = {
  authorization_code: 'Authorization code',
  refresh_token: 'Refresh tokens',
  password: 'Password grant',
  client_credentials: 'Client credentials',
};

export const AUTH_METHOD_LABELS: Record<TokenEndpointAuthMethod, string> = {
  client_secret_basic: 'Confidential: secret in HTTP Basic',
  client_secret_post: 'Confidential: secret in the form body',
  none: 'Public: PKCE, no secret',
};

export const isPublic = (method: TokenEndpointAuthMethod) => method === 'none';
