// The password hasher's helper process, seen from the server. Started on first use, it exits
// after IDLE_MS without work so an idle server carries no extra process; one that dies is
// started again on the next request, and the requests it held are rejected, never left hanging.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';

export interface HasherOps {
  hash: { args: [password: string]; result: string };
  verify: { args: [hash: string | null, password: string]; result: boolean };
}
export type HasherRequest = {
  [Op in keyof HasherOps]: { id: number; op: Op; args: HasherOps[Op]['args'] };
}[keyof HasherOps];
export type HasherReply = { id: number; result: string | boolean } | { id: number; error: string };

const IDLE_MS = 30_000;
// Each hash costs about 36 ms of CPU: at most half the cores' worth at once (the helper's libuv
// pool size is the bound; the others wait in its queue), else they starve other endpoints.
const CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));

interface Pending {
  resolve(result: string | boolean): void;
  reject(error: Error): void;
}
interface Helper {
  child: ChildProcess;
  pending: Map<number, Pending>;
  idle?: ReturnType<typeof setTimeout>;
}

let current: Helper | undefined;
let lastId = 0;
let exitHooked = false;

/** Runs `op` in the helper process; rejects if the helper dies before answering. */
export function askHasher<Op extends keyof HasherOps>(
  op: Op,
  args: HasherOps[Op]['args'],
): Promise<HasherOps[Op]['result']> {
  const helper = (current ??= start());
  busy(helper);
  const id = ++lastId;
  return new Promise((resolve, reject) => {
    helper.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
    helper.child.send({ id, op, args } as HasherRequest, (error) => {
      if (error) settle(helper, { id, error: 'password hasher unreachable' });
    });
  });
}

/** The helper's process id while it runs (for tests and diagnostics). */
export function hasherPid(): number | undefined {
  return current?.child.pid;
}

function start(): Helper {
  // From source (vitest, tsx) this module is a .ts file, and so is the entry it forks.
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./hasher-process.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const child = fork(entry, [], {
    execArgv: fromSource ? ['--import', tsxLoader()] : [],
    env: helperEnv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const helper: Helper = { child, pending: new Map() };
  child.on('message', (reply: HasherReply) => settle(helper, reply));
  // Without its channel a helper can answer nothing more; 'exit' covers one that never had one.
  child.on('disconnect', () => retire(helper, 'password hasher exited'));
  child.on('exit', () => retire(helper, 'password hasher exited'));
  child.on('error', () => {
    retire(helper, 'password hasher failed');
    if (child.connected) child.disconnect(); // it exits on its own then
  });
  if (!exitHooked) process.on('exit', () => current?.child.kill('SIGKILL'));
  exitHooked = true;
  return helper;
}

function settle(helper: Helper, reply: HasherReply): void {
  const pending = helper.pending.get(reply.id);
  if (!pending) return;
  helper.pending.delete(reply.id);
  if ('error' in reply) pending.reject(new Error(reply.error));
  else pending.resolve(reply.result);
  if (helper.pending.size === 0) idle(helper);
}

/** Working: the helper keeps this process alive until it answers. */
function busy(helper: Helper): void {
  clearTimeout(helper.idle);
  helper.child.ref();
  helper.child.channel?.ref();
}

/** Idle: it must not keep this process (a server shutting down, a test run) alive. */
function idle(helper: Helper): void {
  helper.child.unref();
  helper.child.channel?.unref();
  helper.idle = setTimeout(() => {
    // Forgotten first, so no request is sent down the closing channel; closing it lets the
    // helper exit on its own.
    if (current === helper) current = undefined;
    if (helper.child.connected) helper.child.disconnect();
  }, IDLE_MS);
  helper.idle.unref();
}

/** The helper is gone: the next request starts another; those it held fail. */
function retire(helper: Helper, reason: string): void {
  if (current === helper) current = undefined;
  clearTimeout(helper.idle);
  for (const pending of helper.pending.values()) pending.reject(new Error(reason));
  helper.pending.clear();
}

/** Only what Node needs: the server's environment holds secrets (admin password, database URL). */
function helperEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: String(CONCURRENCY) };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return env;
}

/** tsx, resolved from here rather than from the working directory (a root devDependency). */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}
