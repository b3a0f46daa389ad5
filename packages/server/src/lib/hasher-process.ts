// The password hasher's helper process (forked by hasher.ts): argon2id at the lowest CPU
// priority, so on a busy core the kernel always runs the server's event loop first.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { HasherReply, HasherRequest } from './hasher.js';

lowerPriority();

// Loaded only after the priority is lowered; the listener is attached at once because IPC
// messages that arrive before there is one are dropped, and the parent would wait forever.
const loaded = import('argon2').then(({ default: argon2 }) => ({
  argon2,
  // OWASP's parameters for argon2id: m=19 MiB, t=2, p=1.
  options: { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const,
}));
process.on('message', (request: HasherRequest) => void answer(request));
// A parent gone for any reason (exit, crash, SIGKILL) closes the channel: nothing left to do.
process.on('disconnect', () => process.exit(0));
// Ctrl-C and a service manager's SIGTERM reach the whole process group; the parent finishes
// its in-flight logins while it shuts down, and ends this process when it exits.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

/**
 * Nice 19 for every thread. Linux keeps nice per thread: threads created from now on inherit
 * the main thread's, but Node already started some (V8's platform workers, and libuv's pool,
 * which the ES module loader uses to read files), so each one is reniced by its thread id.
 */
function lowerPriority(): void {
  setPriority(19);
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return; // not Linux: nice is per process there, and setPriority(19) covered it
  }
  for (const tid of threads) {
    try {
      setPriority(Number(tid), 19);
    } catch {
      // the thread ended meanwhile
    }
  }
}

async function answer(request: HasherRequest): Promise<void> {
  let reply: HasherReply;
  try {
    reply = { id: request.id, result: await run(request) };
  } catch {
    // Never the error's own text: keep anything derived from the input out of the parent's logs.
    reply = { id: request.id, error: `password ${request.op} failed` };
  }
  process.send?.(reply);
}

async function run(request: HasherRequest): Promise<string | boolean> {
  const { argon2, options } = await loaded;
  if (request.op === 'hash') return argon2.hash(request.args[0], options);
  const [hash, password] = request.args;
  if (!hash) {
    // Spend the same time as a real check so a missing account is not observable.
    await argon2.hash(password, options);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed hash
  }
}
