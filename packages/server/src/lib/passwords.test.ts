import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { hasherPid } from './hasher.js';
import { hashPassword, verifyPassword } from './passwords.js';

const PASSWORD = 'correct horse battery staple';

/** The nice value of each thread of a process (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceValues(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19 - 3]);
  });
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Kills the helper and waits until the server side has noticed. */
async function killHasher(): Promise<void> {
  const pid = hasherPid()!;
  process.kill(pid, 'SIGKILL');
  await vi.waitFor(() => expect(hasherPid()).not.toBe(pid));
}

describe('passwords', () => {
  it('verifies the password a hash was made from, and only that one', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
  });

  it('hashes with argon2id and OWASP parameters, salted', async () => {
    const hash = await hashPassword(PASSWORD);
    const [, algorithm, version, params, salt, digest] = hash.split('$');
    expect(algorithm).toBe('argon2id');
    expect(version).toBe('v=19');
    expect(Object.fromEntries(params!.split(',').map((p) => p.split('=')))).toEqual({
      m: '19456',
      t: '2',
      p: '1',
    });
    expect(salt!.length).toBeGreaterThanOrEqual(22); // 16 bytes, base64
    expect(digest!.length).toBeGreaterThanOrEqual(43); // 32 bytes, base64
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
  });

  it('answers false, without throwing, for a malformed hash', async () => {
    for (const hash of ['', 'not a hash', '$argon2id$v=19$m=19456,t=2,p=1$broken', '$2b$10$x']) {
      expect(await verifyPassword(hash, PASSWORD)).toBe(false);
    }
  });

  it('takes as long for a missing account (null hash) as for a real check', async () => {
    const hash = await hashPassword(PASSWORD);
    const real: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 3; i++) {
      real.push(await elapsed(() => verifyPassword(hash, 'wrong password')));
      missing.push(await elapsed(() => verifyPassword(null, 'wrong password')));
    }
    expect(await verifyPassword(null, PASSWORD)).toBe(false);
    // The fastest of each, so a busy machine only makes the comparison looser.
    expect(Math.min(...missing)).toBeGreaterThan(Math.min(...real) * 0.5);
  });

  it.runIf(process.platform === 'linux')(
    'hashes in a helper process whose threads all run at nice 19',
    async () => {
      const hashing = hashPassword(PASSWORD);
      const pid = hasherPid()!;
      expect(pid).not.toBe(process.pid);
      await vi.waitFor(() => expect(threadNiceValues(pid).length).toBeGreaterThan(1));
      expect(new Set(threadNiceValues(pid))).toEqual(new Set([19]));
      await hashing;
      expect(new Set(threadNiceValues(pid))).toEqual(new Set([19]));
    },
  );

  it('starts a new helper after the previous one was killed', async () => {
    const hash = await hashPassword(PASSWORD);
    const before = hasherPid();
    await killHasher();
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(hasherPid()).toBeDefined();
    expect(hasherPid()).not.toBe(before);
  });

  it('rejects, rather than hangs, a request in flight when the helper dies', async () => {
    await hashPassword(PASSWORD); // a helper that is up and listening
    const inFlight = expect(hashPassword(PASSWORD)).rejects.toThrow(/password hasher exited/);
    await new Promise((resolve) => setTimeout(resolve, 5)); // now it is hashing
    await killHasher();
    await inFlight;
    expect(await verifyPassword(await hashPassword(PASSWORD), PASSWORD)).toBe(true);
  });
});
