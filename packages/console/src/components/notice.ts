// One-shot messages carried across a navigation ("Client deleted."), shown by the next page.
let pending: string | null = null;

export function setNotice(message: string): void {
  pending = message;
}

/** The pending message, without consuming it (safe to call during render). */
export function peekNotice(): string | null {
  return pending;
}

export function clearNotice(message: string | null): void {
  if (pending === message) pending = null;
}
