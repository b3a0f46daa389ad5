// Passwords: argon2id with OWASP's parameters (m=19 MiB, t=2, p=1), computed off the event
// loop by the native addon's thread pool, at most half a core's worth at a time: each hash
// costs about 36 ms of CPU, and unbounded they starve every other endpoint of the CPU.
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const LIMIT = Math.max(1, Math.floor(availableParallelism() / 2));
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than LIMIT hashes are in progress; the others wait their turn. */
async function bounded<T>(work: () => Promise<T>): Promise<T> {
  // A finishing task hands its slot straight to the next waiter, so LIMIT is never exceeded.
  if (running >= LIMIT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return bounded(() => argon2.hash(password, OPTIONS));
}

/** False for a wrong password or a malformed hash; never throws for bad input. */
export function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  return bounded(async () => {
    if (!hash) {
      // Spend the same time as a real check so a missing account is not observable.
      await argon2.hash(password, OPTIONS);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}
