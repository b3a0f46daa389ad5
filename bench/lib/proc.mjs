// Child processes pinned to a CPU, and what /proc says about them (CPU time, resident memory).
/* global AbortSignal */
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** Every process started here, so a deadline or a signal can stop them all. */
const children = new Set();

/**
 * Starts `command args` through `taskset -c <cpu>` (taskset execs, so the pid is the server's
 * own). Output goes to `logFile`. Returns the ChildProcess.
 */
export function spawnPinned(cpu, command, args, { env = {}, cwd, logFile } = {}) {
  const fd = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn('taskset', ['-c', String(cpu), command, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  if (typeof fd === 'number') closeSync(fd);
  return track(child);
}

/** Registers a child so that killAll() reaches it. */
export function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/**
 * Runs a command to completion (tracked, killed after `timeoutMs`); resolves with its stdout,
 * rejects with its output when it fails.
 */
export function runCommand(command, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command, args, {
        cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} failed (${code ?? signal}): ${out.trim().slice(-600)}`,
          ),
        );
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Kills every child still running (used by the hard deadline and on signals). */
export function killAll() {
  for (const child of children) child.kill('SIGKILL');
}

/** Live descendants of a process (the server's password-hasher helper, for one). */
export function descendants(pid) {
  const parents = new Map();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        parents.set(Number(entry), ppid);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return [];
  }
  const found = [];
  const walk = (parent) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * User + system CPU time of a process and its children, in microseconds: utime and stime of
 * /proc/<pid>/stat, cutime and cstime (children that ended), and the live descendants' own.
 */
export function cpuMicros(pid) {
  try {
    const fields = statFields(pid);
    let ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    for (const child of descendants(pid)) {
      try {
        const f = statFields(child);
        ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // ended meanwhile: its time moves to the parent's cutime
      }
    }
    return (ticks * 1e6) / CLK_TCK;
  } catch {
    return NaN;
  }
}

function ownRssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** Resident set size in MiB (VmRSS of /proc/<pid>/status), with its live descendants'. */
export function rssMiB(pid) {
  const own = ownRssMiB(pid);
  return descendants(pid).reduce((sum, child) => sum + (ownRssMiB(child) || 0), own);
}

/** Samples VmRSS every `everyMs` until stopped; `stop()` returns the maximum seen. */
export function sampleRss(pid, everyMs = 100) {
  let max = rssMiB(pid);
  const timer = setInterval(() => {
    const now = rssMiB(pid);
    if (now > max) max = now;
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(max, rssMiB(pid));
  };
}

/** Waits until `url` answers (any HTTP status) or the process dies or `timeoutMs` passes. */
export async function waitForHttp(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `process exited (${child.exitCode ?? child.signalCode}) before ${url} answered`,
      );
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Waits until a TCP port accepts connections (for the database server). */
export async function waitForPort(port, child, timeoutMs = 30_000) {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`process exited before port ${port} opened`);
    }
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(200);
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

/** A free loopback port, chosen by the kernel. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}
