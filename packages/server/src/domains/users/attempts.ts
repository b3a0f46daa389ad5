// Counts wrong current passwords per user on this instance: after MAX_FAILURES within the
// window, further attempts are refused until the window ends (429 with Retry-After).
import { TooManyRequestsError } from '../../errors.js';

const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;

export class PasswordAttempts {
  private readonly failures = new Map<string, { count: number; since: number }>();

  /** Throws 429 while the user is blocked. */
  check(userId: string, now = Date.now()): void {
    const entry = this.live(userId, now);
    if (entry && entry.count >= MAX_FAILURES) {
      throw new TooManyRequestsError(
        'Too many wrong passwords. Try again later.',
        (entry.since + WINDOW_MS - now) / 1000,
      );
    }
  }

  fail(userId: string, now = Date.now()): void {
    const entry = this.live(userId, now) ?? { count: 0, since: now };
    entry.count++;
    this.failures.set(userId, entry);
    if (this.failures.size > 10_000) this.prune(now);
  }

  reset(userId: string): void {
    this.failures.delete(userId);
  }

  private live(userId: string, now: number) {
    const entry = this.failures.get(userId);
    if (entry && now - entry.since >= WINDOW_MS) {
      this.failures.delete(userId);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    for (const [id, entry] of this.failures) {
      if (now - entry.since >= WINDOW_MS) this.failures.delete(id);
    }
  }
}
