// The authorization endpoint as a browser meets it: login, consent, redirects back to the
// client (RFC 6749 §4.1, RFC 7636, RFC 9207, RFC 8252), and the error paths of §4.1.2.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { createClient, createUser } from '../helpers/fixtures.js';
import {
  authorizePath,
  Browser,
  decide,
  formField,
  location,
  obtainCode,
  pkce,
  signIn,
} from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let user: UserRecord;
let client: ClientRecord;
const REDIRECT = 'https://app.example/callback';

beforeAll(async () => {
  server = await startServer();
  user = await createUser(server.app);
  client = (await createClient(server.app, { clientName: 'Acme <Desktop>' })).client;
});
afterAll(() => server.close());

function request(overrides: Record<string, string | undefined> = {}) {
  return authorizePath({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: REDIRECT,
    state: 'st-123',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });
}

/** A browser already signed in as `who`. */
async function signedIn(who: UserRecord = user): Promise<Browser> {
  const browser = new Browser(server.baseUrl);
  expect((await signIn(browser, who.username)).status).toBe(303);
  return browser;
}

/** Asserts an error redirect to the client, with state and iss. */
function expectErrorRedirect(res: Response, error: string, state = 'st-123'): URL {
  expect(res.status).toBe(302);
  const target = location(res);
  expect(target.origin + target.pathname).toBe(REDIRECT);
  expect(target.searchParams.get('error')).toBe(error);
  expect(target.searchParams.get('state')).toBe(state);
  expect(target.searchParams.get('iss')).toBe(server.baseUrl);
  expect(target.searchParams.has('code')).toBe(false);
  return target;
}

async function expectErrorPage(res: Response, text: RegExp): Promise<void> {
  expect(res.status).toBe(400);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await res.text()).toMatch(text);
}

describe('the happy path', () => {
  it('signs in, asks consent, and redirects back with code, state and iss', async () => {
    const browser = new Browser(server.baseUrl);
    const start = await browser.get(request({ scope: 'profile tokens:read' }));
    expect(start.status).toBe(302);
    const login = location(start);
    expect(login.pathname).toBe('/login');
    const returnTo = login.searchParams.get('return_to')!;
    expect(returnTo).toMatch(/^\/oauth\/authorize\?/);

    const loginPage = await browser.get(`/login?${new URLSearchParams({ return_to: returnTo })}`);
    const loginHtml = await loginPage.text();
    expect(loginHtml).toContain('to continue to <strong>Acme &lt;Desktop&gt;</strong>');
    expect(loginHtml).toMatch(/<label for="username">/);
    expect(loginPage.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);

    const signedIn = await signIn(browser, user.username, undefined, returnTo);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe(returnTo);
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('latchkey_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // the issuer is http here

    const consent = await browser.get(returnTo);
    expect(consent.status).toBe(200);
    const html = await consent.text();
    expect(html).toContain('Authorize Acme &lt;Desktop&gt;');
    expect(html).toContain(user.username);
    expect(html).toContain('Read and update your profile and the applications you authorized');
    expect(html).toContain('List your personal access tokens');
    expect(html).not.toContain('tokens:write');
    expect(html).not.toMatch(/<script|style=/);

    const back = await decide(browser, html);
    expect(back.status).toBe(302);
    const callback = location(back);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(callback.searchParams.get('state')).toBe('st-123');
    expect(callback.searchParams.get('iss')).toBe(server.baseUrl);
  });

  it('serves the stylesheet the pages link to', async () => {
    const css = await fetch(`${server.baseUrl}/assets/latchkey.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('remembers consent: no second prompt for the same or fewer scopes, a new one for more', async () => {
    const browser = await signedIn(await createUser(server.app));
    const first = await browser.get(request({ scope: 'profile tokens:read' }));
    expect(first.status).toBe(200);
    expect((await decide(browser, await first.text())).status).toBe(302);

    const again = await browser.get(request({ scope: 'profile' }));
    expect(again.status).toBe(302);
    expect(location(again).searchParams.get('code')).toBeTruthy();

    const more = await browser.get(request({ scope: 'profile tokens:write' }));
    expect(more.status).toBe(200);
    expect(await more.text()).toContain('Create, rotate and revoke your personal access tokens');

    const forced = await browser.get(request({ scope: 'profile', prompt: 'consent' }));
    expect(forced.status).toBe(200);
  });

  it('skips consent for first-party clients (skip_consent)', async () => {
    const firstParty = (await createClient(server.app, { skipConsent: true })).client;
    const flow = await obtainCode(server, firstParty, await createUser(server.app));
    expect(flow.callback.searchParams.get('code')).toBe(flow.code);
    const browser = await signedIn();
    const res = await browser.get(request({ client_id: firstParty.clientId }));
    expect(res.status).toBe(302);
    expect(location(res).searchParams.get('code')).toBeTruthy();
  });

  it('redirects with access_denied when the user denies', async () => {
    const browser = await signedIn();
    const page = await browser.get(request({ prompt: 'consent' }));
    expectErrorRedirect(await decide(browser, await page.text(), 'deny'), 'access_denied');
  });

  it('omits redirect_uri when the client registered exactly one', async () => {
    const browser = await signedIn();
    const page = await browser.get(request({ redirect_uri: undefined, prompt: 'consent' }));
    expect(page.status).toBe(200);
    const back = await decide(browser, await page.text());
    expect(location(back).origin + location(back).pathname).toBe(REDIRECT);
  });

  it('lets a loopback redirect URI use any port (RFC 8252 §7.3), nothing else', async () => {
    const native = (
      await createClient(server.app, {
        tokenEndpointAuthMethod: 'none',
        redirectUris: ['http://127.0.0.1/callback', 'http://[::1]:8080/cb'],
      })
    ).client;
    const browser = await signedIn();
    for (const uri of ['http://127.0.0.1:53117/callback', 'http://[::1]:1234/cb']) {
      const res = await browser.get(request({ client_id: native.clientId, redirect_uri: uri }));
      expect(res.status, uri).toBe(200);
    }
    for (const uri of ['http://127.0.0.1:53117/other', 'http://localhost:53117/callback']) {
      const res = await browser.get(request({ client_id: native.clientId, redirect_uri: uri }));
      await expectErrorPage(res, /not registered/);
    }
  });

  it('answers prompt=none with login_required or consent_required instead of pages', async () => {
    const anonymous = new Browser(server.baseUrl);
    expectErrorRedirect(await anonymous.get(request({ prompt: 'none' })), 'login_required');
    const browser = await signedIn(await createUser(server.app));
    expectErrorRedirect(await browser.get(request({ prompt: 'none' })), 'consent_required');
  });

  it('signs in again on prompt=login, then carries on', async () => {
    const browser = await signedIn();
    const res = await browser.get(request({ prompt: 'login' }));
    expect(location(res).pathname).toBe('/login');
    expect(location(res).searchParams.get('return_to')).not.toContain('prompt=login');
  });

  it('grants a member only the scopes a member may hold', async () => {
    const admin = (await createClient(server.app, { scope: 'profile users:read' })).client;
    const browser = await signedIn();
    const page = await browser.get(
      request({ client_id: admin.clientId, scope: 'profile users:read' }),
    );
    const html = await page.text();
    expect(html).toContain('profile');
    expect(html).not.toContain('users:read');
  });
});

describe('a client or redirect URI that cannot be trusted: an error page, never a redirect', () => {
  it('refuses an unknown client', async () => {
    await expectErrorPage(
      await new Browser(server.baseUrl).get(request({ client_id: 'no-such-client' })),
      /not known/,
    );
  });

  it('refuses a missing client_id', async () => {
    await expectErrorPage(
      await new Browser(server.baseUrl).get(request({ client_id: undefined })),
      /client/,
    );
  });

  it('refuses a redirect URI that is not registered exactly', async () => {
    for (const uri of [
      'https://evil.example/callback',
      `${REDIRECT}/`,
      `${REDIRECT}?x=1`,
      'https://APP.example/callback',
    ]) {
      await expectErrorPage(
        await new Browser(server.baseUrl).get(request({ redirect_uri: uri })),
        /not registered/,
      );
    }
  });

  it('refuses to guess among several registered redirect URIs', async () => {
    const multi = (
      await createClient(server.app, { redirectUris: [REDIRECT, 'https://app.example/other'] })
    ).client;
    await expectErrorPage(
      await new Browser(server.baseUrl).get(
        request({ client_id: multi.clientId, redirect_uri: undefined }),
      ),
      /redirect URI/,
    );
  });
});

describe('other problems go back to the client (RFC 6749 §4.1.2.1)', () => {
  const anonymous = () => new Browser(server.baseUrl);

  it('unsupported_response_type for anything but code', async () => {
    expectErrorRedirect(
      await anonymous().get(request({ response_type: 'token' })),
      'unsupported_response_type',
    );
  });

  it('invalid_request when response_type is missing or a parameter repeats', async () => {
    expectErrorRedirect(
      await anonymous().get(request({ response_type: undefined })),
      'invalid_request',
    );
    const twice = `${request()}&scope=profile&scope=profile`;
    expectErrorRedirect(await anonymous().get(twice), 'invalid_request');
  });

  it('invalid_request for a public client without PKCE', async () => {
    const spa = (await createClient(server.app, { tokenEndpointAuthMethod: 'none' })).client;
    const res = await anonymous().get(
      request({
        client_id: spa.clientId,
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
    );
    expect(
      expectErrorRedirect(res, 'invalid_request').searchParams.get('error_description'),
    ).toMatch(/PKCE/);
  });

  it('invalid_request for the plain method, or a challenge without a method', async () => {
    const { verifier } = pkce();
    const plain = await anonymous().get(
      request({ code_challenge: verifier, code_challenge_method: 'plain' }),
    );
    expect(
      expectErrorRedirect(plain, 'invalid_request').searchParams.get('error_description'),
    ).toMatch(/S256/);
    expectErrorRedirect(
      await anonymous().get(request({ code_challenge_method: undefined })),
      'invalid_request',
    );
  });

  it('invalid_request for a malformed code_challenge', async () => {
    expectErrorRedirect(
      await anonymous().get(request({ code_challenge: 'short' })),
      'invalid_request',
    );
  });

  it('invalid_scope for a scope the client may not request or nobody knows', async () => {
    expectErrorRedirect(
      await anonymous().get(request({ scope: 'profile users:write' })),
      'invalid_scope',
    );
    expectErrorRedirect(await anonymous().get(request({ scope: 'nonsense' })), 'invalid_scope');
  });

  it('unauthorized_client when the client lacks the authorization_code grant', async () => {
    const machine = (await createClient(server.app, { grantTypes: ['client_credentials'] })).client;
    expectErrorRedirect(
      await anonymous().get(request({ client_id: machine.clientId })),
      'unauthorized_client',
    );
  });

  it('ignores unknown parameters (RFC 6749 §3.1)', async () => {
    const res = await anonymous().get(`${request()}&nonce=abc&resource=https%3A%2F%2Fapi`);
    expect(location(res).pathname).toBe('/login');
  });
});

describe('forms and sessions', () => {
  it('refuses a consent form without its CSRF token, or from another session', async () => {
    const browser = await signedIn();
    const html = await (await browser.get(request({ prompt: 'consent' }))).text();
    const noToken = await browser.post('/oauth/authorize', {
      request: formField(html, 'request'),
      decision: 'approve',
    });
    expect(noToken.status).toBe(403);
    expect(noToken.headers.get('location')).toBeNull();

    const other = await signedIn();
    const stolen = await decide(other, html);
    expect(stolen.status).toBe(403);
  });

  it('refuses a tampered pending request', async () => {
    const browser = await signedIn();
    const html = await (await browser.get(request({ prompt: 'consent' }))).text();
    const res = await browser.post('/oauth/authorize', {
      csrf_token: formField(html, 'csrf_token'),
      request: `${formField(html, 'request')!.slice(0, -2)}xx`,
      decision: 'approve',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/expired/);
  });

  it('refuses a login form without its CSRF token', async () => {
    const browser = new Browser(server.baseUrl);
    await browser.get('/login');
    const res = await browser.post('/login', { username: user.username, password: 'x' });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('latchkey_session='))).toBe(false);
  });

  it('shows the form again, with the error, after a wrong password', async () => {
    const res = await signIn(new Browser(server.baseUrl), user.username, 'wrong password');
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toMatch(/role="alert"[^>]*>Incorrect username or password/);
    expect(html).toContain(`value="${user.username}"`);
  });

  it('marks cookies Secure when the issuer is https', async () => {
    const https = await startServer({ issuer: 'https://login.example' });
    try {
      const res = await new Browser(https.baseUrl).get('/login');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('latchkey_csrf='));
      expect(cookie).toMatch(/; HttpOnly; SameSite=Lax.*; Secure/);
    } finally {
      await https.close();
    }
  });

  it('refuses a return address on another origin', async () => {
    const res = await new Browser(server.baseUrl).get('/login?return_to=//evil.example/x');
    expect(res.status).toBe(400);
  });

  it('ends the session on logout', async () => {
    const browser = await signedIn();
    const page = await browser.get(request({ prompt: 'consent' }));
    const html = await page.text();
    const out = await browser.post('/logout', { csrf_token: formField(html, 'csrf_token') });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    const after = await browser.get(request());
    expect(location(after).pathname).toBe('/login');
  });

  it('refuses a logout without the CSRF token', async () => {
    const browser = await signedIn();
    const res = await browser.post('/logout', {});
    expect(res.status).toBe(403);
    const still = await browser.get(request({ prompt: 'consent' }));
    expect(still.status).toBe(200);
  });
});
