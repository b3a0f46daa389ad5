// Redirect URIs: exact string match (RFC 9700 §4.1.3), except that a loopback IP literal may
// vary its port (RFC 8252 §7.3); responses are added to the URI's query (RFC 6749 §4.1.2).

/** http://127.0.0.1:<port> or http://[::1]:<port>, the port made optional. */
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(:\d{1,5})?(?=[/?]|$)/;

/** The URI without its port when it is a loopback IP literal, else undefined. */
function portless(uri: string): string | undefined {
  return LOOPBACK.test(uri) ? uri.replace(LOOPBACK, 'http://$1') : undefined;
}

/** Whether `requested` is one of the registered URIs (compared as strings, never normalized). */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const asked = portless(requested);
  return asked !== undefined && registered.some((uri) => portless(uri) === asked);
}

/** Appends response parameters to the redirect URI, keeping its own query. */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) query.append(name, value);
  }
  const base = uri.split('#', 1)[0]!;
  return `${base}${base.includes('?') ? '&' : '?'}${query.toString()}`;
}

/** "https://app.example.com" for the consent page; custom schemes show as "com.example.app:". */
export function redirectOrigin(uri: string): string {
  try {
    const url = new URL(uri);
    return url.host ? `${url.protocol}//${url.host}` : url.protocol;
  } catch {
    return uri;
  }
}
