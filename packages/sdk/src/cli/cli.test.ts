import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, OAuthError, SessionExpiredError } from '../errors.js';
import { CredentialsError, UsageError, describe as describeError } from './errors.js';
import { main } from './main.js';
import { progress, table } from './output.js';
import { profilePath, readProfile, writeProfile } from './profile.js';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, { env, stdout, stderr, stdin });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('exit codes and messages', () => {
  it('maps every kind of failure to its documented exit code', () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [new UsageError('bad flag', 'See: x'), 2, /^bad flag\nSee: x$/],
      [new CredentialsError('not logged in'), 3, /not logged in/],
      [
        new ApiError(401, { title: 'Unauthorized', detail: 'The access token expired.' }),
        3,
        /authentication failed: The access token expired\. Check LATCHKEY_TOKEN/,
      ],
      [
        new ApiError(403, { title: 'Forbidden', detail: 'Requires clients:write.' }),
        3,
        /not allowed: Requires clients:write\./,
      ],
      [
        new ApiError(400, {
          title: 'Bad Request',
          detail: 'The request body is invalid.',
          errors: [{ pointer: '/redirect_uris/0', detail: 'must be an absolute URI' }],
        }),
        1,
        /^400 Bad Request: The request body is invalid\. \(redirect_uris\.0: must be an absolute URI\)$/,
      ],
      [new ApiError(409, { title: 'Conflict', detail: 'Taken.' }), 1, /^409 Conflict: Taken\.$/],
      [new NetworkError('http://x/api', new Error('boom')), 4, /Could not reach http:\/\/x\/api/],
      [new SessionExpiredError(), 3, /session expired/],
      [new OAuthError({ error: 'invalid_client' }, 401), 3, /invalid_client/],
      [new TypeError('oops'), 1, /^unexpected error: oops$/],
    ];
    for (const [error, exit, message] of cases) {
      const described = describeError(error);
      expect(described.exit).toBe(exit);
      expect(described.message).toMatch(message);
    }
  });

  it('prints help, and usage errors with exit 2, without a stack trace', async () => {
    expect((await run(['--help'])).code).toBe(0);
    const group = await run(['tokens']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/tokens prune/);
    const missing = await run(['clients', 'update', 'cl_1']);
    expect(missing.code).toBe(2);
    const noCreds = await run(['users', 'list'], {
      HOME: '/nonexistent',
      XDG_CONFIG_HOME: '/nonexistent',
    });
    expect(noCreds).toMatchObject({ code: 3, stdout: '' });
    expect(noCreds.stderr).toMatch(/^latchkey: not logged in/);
    const badNumber = await run(['tokens', 'list', '--unused-days', '-3']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('output', () => {
  it('aligns table columns', () => {
    const out = table(
      [
        { a: 'x', b: 'long value' },
        { a: 'longer', b: 'y' },
      ],
      [
        { header: 'A', value: (r) => r.a },
        { header: 'B', value: (r) => r.b },
      ],
    );
    expect(out).toBe('A       B\nx       long value\nlonger  y\n');
  });

  it('draws a progress bar on a terminal only', () => {
    const pipe = new Capture(false);
    const bar = progress(pipe, 'Revoking', 4);
    bar.tick(2);
    bar.finish();
    expect(pipe.text).toBe('');

    const tty = new Capture(true);
    const ttyBar = progress(tty, 'Revoking', 4);
    ttyBar.tick(2);
    ttyBar.finish();
    expect(tty.text).toContain(`\rRevoking [${'#'.repeat(15)}${'-'.repeat(15)}] 2/4`);
    expect(tty.text.endsWith('\r\x1b[2K')).toBe(true);
  });
});

describe('profile file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latchkey-profile-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('honours XDG_CONFIG_HOME, writes mode 0600, and warns when others can read it', async () => {
    const env = { XDG_CONFIG_HOME: dir, HOME: '/nowhere' };
    expect(profilePath(env)).toBe(join(dir, 'latchkey', 'profile.json'));
    expect(profilePath({ HOME: '/home/ada' })).toBe('/home/ada/.config/latchkey/profile.json');
    const path = await writeProfile(env, { url: 'https://lk.test', token: 'lk_pat_x' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'latchkey'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      url: 'https://lk.test',
      token: 'lk_pat_x',
    });

    await chmod(path, 0o644);
    const warnings: string[] = [];
    expect(await readProfile(env, (m) => warnings.push(m))).toEqual({
      url: 'https://lk.test',
      token: 'lk_pat_x',
    });
    expect(warnings[0]).toMatch(/readable by others \(mode 644\); run: chmod 600/);
    await writeProfile(env, { url: 'https://lk.test', token: 'lk_pat_y' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
