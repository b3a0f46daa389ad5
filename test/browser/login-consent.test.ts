// A real browser (Debian's chromium via playwright-core) walks /oauth/authorize -> login ->
// consent -> back to a loopback redirect URI with a code; checks the CSP, keyboard order, and
// that a form posted without its CSRF token is refused. Screenshots go to test-artifacts/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../packages/server/src/domains/clients/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { CHROMIUM, launchChromium } from '../helpers/chromium.js';
import { createClient, createUser, PASSWORD } from '../helpers/fixtures.js';
import { authorizePath, pkce } from '../helpers/oauth.js';
import { startServer, type TestServer } from '../helpers/server.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const available = existsSync(CHROMIUM);
/** A real browser on a busy 2-core machine can be slow; give each step room. */
const STEP_MS = 60_000;
if (!available && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}: browser tests cannot run in CI.`);
}
if (!available) {
  console.warn(
    `\n!!! SKIPPING BROWSER TESTS: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH) !!!\n`,
  );
}

let server: TestServer;
let context: BrowserContext;
let profile: string;
let callbackServer: Server;
let callbackBase: string;
let user: UserRecord;
let app: ClientRecord;

beforeAll(async () => {
  if (!available) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  user = await createUser(server.app, { username: `ada-${Date.now()}` });
  app = (
    await createClient(server.app, {
      clientName: 'Browser Test App',
      tokenEndpointAuthMethod: 'none',
      redirectUris: ['http://127.0.0.1/callback'],
      scope: 'profile tokens:read',
    })
  ).client;
  // The client's side: a tiny loopback server that receives the redirect.
  callbackServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Callback</title><h1>Back in the app</h1>');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  callbackBase = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), 'latchkey-chromium-'));
  context = await launchChromium(profile);
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await new Promise<void>((resolve) => callbackServer.close(() => resolve()));
  await server.close();
});

/**
 * A new tab, bounded: Playwright gives `newPage` no timeout of its own, so a browser that stops
 * answering would otherwise show up only as the whole test's timeout.
 */
async function openTab(): Promise<Page> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Chromium did not open a tab within ${STEP_MS} ms`)),
      STEP_MS,
    );
  });
  try {
    return await Promise.race([context.newPage(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Awaits `promise`, saying on stderr which step outlived half a step's time, and when. */
async function step<T>(name: string, promise: Promise<T>): Promise<T> {
  const started = Date.now();
  const slow = setTimeout(
    () => console.warn(`[login-consent] still waiting after ${STEP_MS / 2} ms: ${name}`),
    STEP_MS / 2,
  );
  try {
    return await promise;
  } finally {
    clearTimeout(slow);
    const ms = Date.now() - started;
    if (ms > STEP_MS / 2) console.warn(`[login-consent] ${name} took ${ms} ms`);
  }
}

/** Records Content-Security-Policy violations the page reports. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  return problems;
}

(available ? describe : describe.skip)('login and consent in a real browser', () => {
  it(
    'walks authorize -> login -> consent -> back to the app with a code',
    async () => {
      const page = await openTab();
      const problems = watchConsole(page);
      const redirectUri = `${callbackBase}/callback`;
      const url =
        server.baseUrl +
        authorizePath({
          response_type: 'code',
          client_id: app.clientId,
          redirect_uri: redirectUri,
          scope: 'profile tokens:read',
          state: 'browser-state',
          code_challenge: pkce().challenge,
          code_challenge_method: 'S256',
        });

      const loginResponse = await page.goto(url);
      expect(new URL(page.url()).pathname).toBe('/login');
      const csp = loginResponse!.headers()['content-security-policy'];
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('username');
      await page.screenshot({ path: join(ARTIFACTS, 'login.png'), fullPage: true });

      // Keyboard only: type, Tab to the password, Tab to the button, Enter.
      await page.keyboard.type(user.username);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');
      const [consentResponse] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/oauth/authorize') && r.status() === 200),
        page.keyboard.press('Enter'),
      ]);
      expect(consentResponse.headers()['content-security-policy']).toMatch(
        /frame-ancestors 'none'/,
      );
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Authorize Browser Test App');
      const scopes = await page.locator('.scopes li').allTextContents();
      expect(scopes.join(' ')).toMatch(/List your personal access tokens/);
      await page.screenshot({ path: join(ARTIFACTS, 'consent.png'), fullPage: true });

      await Promise.all([
        page.waitForURL((u) => u.href.startsWith(redirectUri)),
        page.getByRole('button', { name: 'Allow' }).click(),
      ]);
      const back = new URL(page.url());
      expect(back.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(back.searchParams.get('state')).toBe('browser-state');
      expect(back.searchParams.get('iss')).toBe(server.baseUrl);
      await page.screenshot({ path: join(ARTIFACTS, 'callback.png') });
      // The stylesheet loaded and nothing broke the CSP.
      expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
      await page.close();
    },
    2 * STEP_MS,
  );

  it(
    'refuses a login form posted without its CSRF token',
    async () => {
      const page = await openTab();
      await page.goto(`${server.baseUrl}/login`);
      const session = async () =>
        (await context.cookies(server.baseUrl)).find((c) => c.name === 'latchkey_session')?.value;
      const before = await session();
      await page.locator('input[name="csrf_token"]').evaluate((input) => input.remove());
      await page.getByLabel('Username').fill(user.username);
      await page.getByLabel('Password').fill(PASSWORD);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      expect(response.status()).toBe(403);
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/session expired/);
      await page.screenshot({ path: join(ARTIFACTS, 'csrf-refused.png') });
      expect(await session()).toBe(before); // no new session was started
      await page.close();
    },
    2 * STEP_MS,
  );

  // Retried: in two full CI runs out of four this test, alone, waited past its timeout with no
  // Playwright step reporting its own; `step` names the step it was in, to find the cause.
  it(
    'refuses a consent form posted without its CSRF token',
    { retry: 2, timeout: 3 * STEP_MS },
    async () => {
      const page = await step('open a tab', openTab());
      await step(
        'open the consent page',
        page.goto(
          server.baseUrl +
            authorizePath({
              response_type: 'code',
              client_id: app.clientId,
              redirect_uri: `${callbackBase}/callback`,
              prompt: 'consent',
              code_challenge: pkce().challenge,
              code_challenge_method: 'S256',
            }),
        ),
      );
      // The consent page (the session from the first test is still signed in), not the login.
      await step(
        'see the consent heading',
        expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: STEP_MS })
          .toBe('Authorize Browser Test App'),
      );
      await step(
        'remove the CSRF field',
        page
          .locator('form[action="/oauth/authorize"] input[name="csrf_token"]')
          .evaluate((i) => i.remove()),
      );
      const [response] = await step(
        'post the form',
        Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.getByRole('button', { name: 'Allow' }).click(),
        ]),
      );
      expect(response.status()).toBe(403);
      expect(new URL(page.url()).origin).toBe(server.baseUrl);
      await step('close the tab', page.close());
    },
  );
});
