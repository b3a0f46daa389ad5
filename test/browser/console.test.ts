// The admin console in a real browser (Chromium through playwright-core), against a real server
// on the embedded store: sign in through the OAuth pages, then create, find, edit and delete a
// client. Each step leaves a screenshot in test-artifacts/console/.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../helpers/chromium.js';
import { startServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-artifacts/console');
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ADMIN = { username: 'console-admin', password: 'a long console test password' };

if (!HAVE_CHROMIUM && !process.env.CI) {
  console.warn(
    `\n*** SKIPPED test/browser/console.test.ts: no Chromium at ${CHROMIUM}. ` +
      'Install it (apt-get install chromium) or set CHROMIUM_PATH to run the browser tests. ***\n',
  );
}

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('admin console in a browser', () => {
  let server: TestServer;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const httpErrors: string[] = [];
  let step = 0;

  const shot = async (name: string) => {
    step += 1;
    await page.screenshot({
      path: path.join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI needs Chromium at ${CHROMIUM} (or CHROMIUM_PATH)`);
    // The console as `pnpm build:console` makes it (a production build, not vitest's NODE_ENV),
    // served by the server from its dist folder.
    const consoleDir = path.join(ROOT, 'packages/console');
    await run(process.execPath, [path.join(consoleDir, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: consoleDir,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer({ adminUsername: ADMIN.username, adminPassword: ADMIN.password });
    profile = await mkdtemp(path.join(tmpdir(), 'latchkey-chromium-'));
    context = await launchChromium(profile, { viewport: { width: 1280, height: 860 } });
    page = context.pages()[0] ?? (await context.newPage());
    // Anything the CSP blocks, any uncaught error and any unexpected HTTP error fails the test.
    page.on('console', (message) => {
      const text = message.text();
      // HTTP errors are checked below, with their URL.
      if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
        problems.push(`console: ${text}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      // The login page has no icon; the browser asks for /favicon.ico anyway.
      if (response.status() >= 400 && pathname !== '/favicon.ico') {
        httpErrors.push(`${response.status()} ${response.request().method()} ${pathname}`);
      }
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await server?.close();
  });

  it('signs in, then creates, finds, edits and deletes a client', async () => {
    const { baseUrl } = server;

    // 1. Opening the console without a session leads to the sign-in page.
    await page.goto(`${baseUrl}/console/clients`);
    // The page's own script redirects; the heading, not a load event, says we are there.
    await page.waitForURL((url) => url.pathname === '/login', { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('sign-in');

    // 2. Signing in comes back to the page the user asked for.
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/console/clients`, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    const main = page.getByRole('main');
    await main.getByRole('link', { name: 'Latchkey Console' }).waitFor(); // the bootstrap client
    await shot('clients');

    // 3. A new client; a redirect URL the API refuses is explained next to the field.
    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByRole('heading', { name: 'New client' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Acme Reports');
    await page
      .getByRole('textbox', { name: 'Redirect URLs' })
      .fill('http://reports.acme.example/callback');
    await page.getByRole('checkbox', { name: 'Personal access tokens' }).check();
    await page.getByRole('checkbox', { name: 'profile' }).check();
    await page.getByRole('button', { name: 'Create client' }).click();
    const fieldError = page.locator('.field-error').filter({ hasText: 'must use https' });
    await fieldError.waitFor();
    await expect(
      page.getByRole('textbox', { name: 'Redirect URLs' }).getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await shot('create-validation');

    await page
      .getByRole('textbox', { name: 'Redirect URLs' })
      .fill('https://reports.acme.example/callback');
    await page.getByRole('button', { name: 'Create client' }).click();

    // 4. The secret, shown once.
    await page.getByRole('heading', { name: 'Client created' }).waitFor();
    const secret = await page.getByTestId('secret-value').inputValue();
    expect(secret).toMatch(/^lk_cs_/);
    const clientId = (await page.getByTestId('created-client-id').textContent())!;
    await shot('secret-once');

    // 5. It is in the list, and a search finds it.
    await page.getByRole('link', { name: 'Back to clients' }).click();
    await page.getByRole('link', { name: 'Acme Reports' }).waitFor();
    await page.getByLabel('Search by name').fill('acme');
    await page.waitForURL((url) => url.searchParams.get('q') === 'acme');
    await expect(main.getByRole('link', { name: 'Latchkey Console' }).count()).resolves.toBe(0);
    await shot('list-search');

    // 6. Its page shows what it may do, but never the secret again.
    await page.getByRole('link', { name: 'Acme Reports' }).click();
    await page.getByRole('heading', { name: 'Acme Reports', level: 1 }).waitFor();
    await page.getByText('https://reports.acme.example/callback').waitFor();
    expect(await page.content()).not.toContain(secret);
    await shot('detail');

    // 7. Edit: a new name and a second redirect URL.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Acme Reports' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Acme Reports (EU)');
    await page
      .getByRole('textbox', { name: 'Redirect URLs' })
      .fill('https://reports.acme.example/callback\nhttps://eu.reports.acme.example/callback');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Acme Reports (EU)', level: 1 }).waitFor();
    await page.getByText('Saved “Acme Reports (EU)”.').waitFor();
    await page.getByText('https://eu.reports.acme.example/callback').waitFor();
    await shot('edited');

    // 8. Delete, after a confirmation that has the focus.
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Acme Reports (EU)”?' });
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cancel');
    await shot('delete-confirm');
    await dialog.getByRole('button', { name: 'Delete client' }).click();

    // 9. Gone from the list, and from the server.
    await page.waitForURL((url) => url.pathname === '/console/clients');
    await page.getByText('Deleted “Acme Reports (EU)”.').waitFor();
    await main.getByRole('link', { name: 'Latchkey Console' }).waitFor();
    await expect(main.getByRole('link', { name: /Acme Reports/ }).count()).resolves.toBe(0);
    await shot('deleted');
    await expect(server.app.services.stores.clients.get(clientId)).resolves.toBeFalsy();

    // 10. The list on a phone: rows become cards.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('clients-narrow');
    await page.setViewportSize({ width: 1280, height: 860 });

    expect(problems).toEqual([]);
    expect(httpErrors).toEqual(['400 POST /api/v1/clients']); // the refused redirect URL
    httpErrors.length = 0;
  }, 120_000);

  it('creates a personal access token shown once, then finds and revokes it among all tokens', async () => {
    const main = page.getByRole('main');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My tokens' })
      .click();
    await page.getByRole('heading', { name: 'My tokens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New personal access token' });
    await dialog.getByLabel('Name').fill('Nightly export');
    await dialog.getByRole('checkbox', { name: 'clients:read' }).check();
    await shot('token-create');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('secret-value').inputValue();
    expect(token).toMatch(/^lk_pat_/);
    await main.getByText('Nightly export', { exact: true }).waitFor();
    await shot('token-once');

    // A reload forgets the in-memory session; the server's session signs straight back in.
    await page.reload();
    await page.getByRole('heading', { name: 'My tokens', level: 1 }).waitFor();
    await expect(page.getByTestId('secret-value').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'All tokens' }).click();
    await page.getByLabel('Unused for').selectOption('0');
    await main.getByRole('checkbox', { name: 'Select Nightly export' }).check();
    await shot('all-tokens');
    await page.getByRole('button', { name: 'Revoke selected (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke tokens' }).click();
    await page.getByText('Revoked 1 token.').waitFor();
    await expect(
      main.getByRole('checkbox', { name: 'Select Nightly export' }).count(),
    ).resolves.toBe(0);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await main.getByText('pat.revoked', { exact: true }).first().waitFor();
    await shot('audit');

    // Signing out ends the session here; signing in again asks for the password again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await shot('signed-out');
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.waitForURL((url) => url.pathname === '/login', { waitUntil: 'commit' });
    await page.getByLabel('Password').waitFor();

    expect(problems).toEqual([]);
    expect(httpErrors).toEqual([]);
  }, 120_000);
});
