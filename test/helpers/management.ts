// Helpers for the management API tests: signed-in callers and response assertions.
import { expect } from 'vitest';
import type { Client } from '../../packages/sdk/src/generated/client/index.js';
import { CONSOLE_CLIENT_ID } from '../../packages/server/src/bootstrap.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import { ADMIN_SCOPES, createUser, mintAccessToken } from './fixtures.js';
import type { TestServer } from './server.js';

export const MEMBER_SCOPES = 'profile tokens:read tokens:write';

export interface Caller {
  user: UserRecord;
  token: string;
  /** SDK client sending this caller's bearer token. */
  api: Client;
}

/** A user with a real access token issued to the console client. */
export async function signIn(
  server: TestServer,
  role: 'admin' | 'member' = 'admin',
  scope = role === 'admin' ? ADMIN_SCOPES : MEMBER_SCOPES,
  clientId = CONSOLE_CLIENT_ID,
): Promise<Caller> {
  const user = await createUser(server.app, { role });
  const token = await mintAccessToken(server.app, user, scope, clientId);
  return { user, token, api: server.as(token) };
}

interface Outcome {
  error?: unknown;
  response?: Response;
}

/** Asserts the status; a contract violation (thrown inside fetch) fails loudly here. */
export function expectStatus<T extends Outcome>(result: T, status: number): T {
  if (result.error instanceof Error) throw result.error;
  expect(result.response?.status, JSON.stringify(result.error ?? null)).toBe(status);
  return result;
}

/** Asserts a 400 problem+json naming exactly these field pointers (in any order). */
export function expectFieldErrors(result: Outcome, pointers: string[]): void {
  expectStatus(result, 400);
  expect(result.response?.headers.get('content-type')).toBe('application/problem+json');
  const errors = (result.error as { errors?: { pointer: string }[] }).errors ?? [];
  expect([...new Set(errors.map((e) => e.pointer))].sort()).toEqual([...pointers].sort());
}

export function problemDetail(result: Outcome): string {
  return String((result.error as { detail?: string } | undefined)?.detail ?? '');
}

interface Page<Item> extends Outcome {
  data?: { data: Item[]; next_cursor?: string | null };
}

/** Every item of a paged list, asking for page after page (each must answer 200). */
export async function allPages<Item>(
  list: (cursor: string | undefined) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = expectStatus(await list(cursor), 200);
    items.push(...page.data!.data);
    cursor = page.data!.next_cursor ?? undefined;
  } while (cursor);
  return items;
}
