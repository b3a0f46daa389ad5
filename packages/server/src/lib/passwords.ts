// Passwords: argon2id with OWASP's parameters (m=19 MiB, t=2, p=1), computed in a helper
// process at the lowest CPU priority (hasher.ts): each hash costs about 36 ms of CPU, and the
// server's event loop must win the core whenever both want it.
import { askHasher } from './hasher.js';

export function hashPassword(password: string): Promise<string> {
  return askHasher('hash', [password]);
}

/**
 * False for a wrong password or a malformed hash; never throws for bad input. A null hash (no
 * such account) takes as long as a real check. Rejects only if the helper process dies.
 */
export function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  return askHasher('verify', [hash, password]);
}
