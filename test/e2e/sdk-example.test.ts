// The README's "Scripting client management" example (packages/sdk/examples/manage-clients.ts),
// run as a user would run it, against a live in-process server.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminPersonalAccessToken } from '../helpers/fixtures.js';
import { runProcess } from '../helpers/process.js';
import { startServer, type TestServer } from '../helpers/server.js';

const EXAMPLE = fileURLToPath(
  new URL('../../packages/sdk/examples/manage-clients.ts', import.meta.url),
);

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startServer();
  token = await createAdminPersonalAccessToken(server.app, {
    name: 'example script',
    scope: 'clients:read clients:write',
  });
});
afterAll(() => server.close());

function runExample(env: Record<string, string>) {
  return runProcess(process.execPath, ['--import', 'tsx', EXAMPLE], {
    cwd: fileURLToPath(new URL('../../packages/sdk/', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

describe('README example: scripting client management', () => {
  it('is the script the README shows, verbatim', async () => {
    const readme = await readFile(new URL('../../packages/sdk/README.md', import.meta.url), 'utf8');
    const script = await readFile(EXAMPLE, 'utf8');
    expect(readme).toContain('## Scripting client management');
    expect(readme).toContain(`\`\`\`ts\n${script}\`\`\``);
  });

  it('creates, lists, updates, rotates and deletes a client with a personal access token', async () => {
    const run = await runExample({ LATCHKEY_URL: server.baseUrl, LATCHKEY_TOKEN: token });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const id = /^created (\S+) \(secret …\w+\)$/m.exec(run.stdout)?.[1];
    expect(id).toBeDefined();
    expect(run.stdout).toContain(`- ${id}  Nightly export`);
    expect(run.stdout).toMatch(/^\d+ client\(s\) use client_credentials$/m);
    expect(run.stdout).toContain(`access tokens of ${id} now live 900s`);
    expect(run.stdout).toMatch(/^rotated secret; the old one works until \d{4}-\d\d-\d\dT/m);
    expect(run.stdout).toMatch(/^rejected: \/redirect_uris\/0 /m);
    expect(run.stdout).toContain(`deleted ${id}`);
    expect(run.stdout).not.toMatch(/lk_cs_/); // the example never prints a secret
    expect(await server.app.services.stores.clients.get(id!)).toBeUndefined();
  });

  it('fails with one line and exit 1 when the token is rejected', async () => {
    const run = await runExample({ LATCHKEY_URL: server.baseUrl, LATCHKEY_TOKEN: 'lk_pat_nope' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^api_error: 401 Unauthorized/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
