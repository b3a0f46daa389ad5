// Helpers for the OAuth tests: a cookie-keeping "browser" over fetch (every response checked
// against the contract), PKCE, and the authorize -> login -> consent walk that yields a code.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { token } from '../../packages/sdk/src/generated/sdk.gen.js';
import type { TokenRequest } from '../../packages/sdk/src/generated/types.gen.js';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { contractFetch } from './contract.js';
import { PASSWORD } from './fixtures.js';
import type { TestServer } from './server.js';

const checkedFetch = contractFetch();

/** A user agent that keeps cookies and never follows redirects on its own. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async get(path: string): Promise<Response> {
    return this.send(path, { method: 'GET' });
  }

  async post(path: string, fields: Record<string, string | undefined>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      if (value !== undefined) body.set(name, value);
    return this.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await checkedFetch(new URL(path, this.baseUrl), {
      ...init,
      headers,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

/** The value of a form field in a page, unescaped. */
export function formField(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Basic credentials per RFC 6749 §2.3.1 (each part form-urlencoded first). */
export function basic(clientId: string, secret: string): Record<string, string> {
  const encode = (v: string) => new URLSearchParams({ v }).toString().slice(2);
  const raw = `${encode(clientId)}:${encode(secret)}`;
  return { Authorization: `Basic ${Buffer.from(raw).toString('base64')}` };
}

export function location(res: Response): URL {
  const value = res.headers.get('location');
  expect(value, `status ${res.status} has a Location`).toBeTruthy();
  return new URL(value!, 'http://placeholder.invalid');
}

export function authorizePath(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) query.set(name, value);
  return `/oauth/authorize?${query.toString()}`;
}

/** Signs in through the login form; returns the 303 response. */
export async function signIn(
  browser: Browser,
  username: string,
  password = PASSWORD,
  returnTo?: string,
): Promise<Response> {
  const page = await browser.get(
    returnTo ? `/login?${new URLSearchParams({ return_to: returnTo }).toString()}` : '/login',
  );
  expect(page.status).toBe(200);
  const csrf = formField(await page.text(), 'csrf_token');
  return browser.post('/login', { username, password, csrf_token: csrf, return_to: returnTo });
}

/** Posts the consent form shown in `html`. */
export async function decide(
  browser: Browser,
  html: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<Response> {
  return browser.post('/oauth/authorize', {
    csrf_token: formField(html, 'csrf_token'),
    request: formField(html, 'request'),
    decision,
  });
}

export interface CodeFlow {
  browser: Browser;
  code: string;
  /** The redirect back to the client. */
  callback: URL;
  /** undefined when the authorization request carried no PKCE challenge. */
  verifier: string | undefined;
  redirectUri: string;
}

/**
 * The whole front channel: authorize, sign in when asked, approve consent when asked, and
 * return the code from the redirect back to the client.
 */
export async function obtainCode(
  server: TestServer,
  client: ClientRecord,
  user: UserRecord,
  options: {
    scope?: string;
    state?: string;
    browser?: Browser;
    redirectUri?: string;
    /** false: no code_challenge (confidential clients only). */
    pkce?: boolean;
  } = {},
): Promise<CodeFlow> {
  const browser = options.browser ?? new Browser(server.baseUrl);
  const withPkce = options.pkce ?? true;
  const { verifier, challenge } = pkce();
  const redirectUri = options.redirectUri ?? client.redirectUris[0]!;
  const path = authorizePath({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: options.scope,
    state: options.state ?? 'xyz',
    code_challenge: withPkce ? challenge : undefined,
    code_challenge_method: withPkce ? 'S256' : undefined,
  });
  let res = await browser.get(path);
  if (res.status === 302 && location(res).pathname === '/login') {
    const returnTo = location(res).searchParams.get('return_to')!;
    res = await signIn(browser, user.username, PASSWORD, returnTo);
    expect(res.status).toBe(303);
    res = await browser.get(res.headers.get('location')!);
  }
  if (res.status === 200) res = await decide(browser, await res.text());
  expect(res.status).toBe(302);
  const callback = new URL(res.headers.get('location')!);
  const code = callback.searchParams.get('code');
  expect(code, `redirect carries a code: ${callback.href}`).toBeTruthy();
  return { browser, code: code!, callback, verifier: withPkce ? verifier : undefined, redirectUri };
}

/** Exchanges a code at the token endpoint (the body may override any field). */
export function exchange(
  server: TestServer,
  client: { clientId: string },
  secret: string | null,
  flow: Pick<CodeFlow, 'code' | 'verifier' | 'redirectUri'>,
  overrides: Partial<TokenRequest> = {},
) {
  return token({
    client: server.client,
    headers: secret ? basic(client.clientId, secret) : {},
    body: {
      grant_type: 'authorization_code',
      code: flow.code,
      redirect_uri: flow.redirectUri,
      code_verifier: flow.verifier,
      ...(secret ? {} : { client_id: client.clientId }),
      ...overrides,
    },
  });
}
