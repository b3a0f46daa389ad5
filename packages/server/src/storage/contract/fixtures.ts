// Shared helpers for the contract suites: stores lifecycle, unique ids, sample records.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { NewClient } from '../../domains/clients/store.js';
import type { NewUser } from '../../domains/users/store.js';
import type { Page } from '../../lib/page.js';
import type { Stores } from '../index.js';

export type OpenStores = () => Promise<Stores>;

/**
 * Opens stores for a suite ('all': one store for every test, so tests use unique ids) or for
 * each test ('each': for global state such as signing keys).
 */
export function useStores(open: OpenStores, scope: 'all' | 'each' = 'all'): () => Stores {
  let stores: Stores | undefined;
  const [before, after] = scope === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    stores = await open();
  });
  after(async () => {
    await stores?.close();
    stores = undefined;
  });
  return () => {
    if (!stores) throw new Error('stores are not open');
    return stores;
  };
}

let sequence = 0;
/** Unique per call, across runs and adapters sharing a database. */
export const uid = (prefix: string) =>
  `${prefix}_${randomBytes(5).toString('hex')}${(sequence++).toString(36)}`;
export const digest = () => randomBytes(32).toString('hex');
export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function newClient(overrides: Partial<NewClient> = {}): NewClient {
  return {
    clientId: uid('cl'),
    clientName: 'Sample app',
    description: null,
    redirectUris: ['https://app.example/callback'],
    grantTypes: ['authorization_code', 'refresh_token'],
    personalAccessTokensEnabled: false,
    tokenEndpointAuthMethod: 'client_secret_basic',
    scope: 'read write',
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
    skipConsent: false,
    secretDigest: digest(),
    secretHint: 'a1b2',
    previousSecretDigest: null,
    previousSecretExpiresAt: null,
    ...overrides,
  };
}

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const id = uid('usr');
  return {
    id,
    username: `user.${id}`,
    email: null,
    displayName: null,
    role: 'member',
    disabled: false,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    ...overrides,
  };
}

/** A client and a user that tokens, codes and consents can belong to. */
export async function seedOwners(stores: Stores) {
  const client = await stores.clients.create(newClient());
  const user = await stores.users.create(newUser());
  return { client, user };
}

/** Asserts a store-set timestamp fell inside the test's own window. */
export function expectBetween(value: Date, start: Date, end: Date): void {
  expect(value).toBeInstanceOf(Date);
  expect(value.getTime()).toBeGreaterThanOrEqual(start.getTime());
  expect(value.getTime()).toBeLessThanOrEqual(end.getTime());
}

/**
 * Walks every page, calling `between` after each fetch (to insert rows mid-walk); returns the
 * ids seen, in order, after checking each page is sorted by (createdAt, id) in `direction`.
 */
export async function walkPages<T extends { createdAt: Date }>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  idOf: (item: T) => string,
  between: () => Promise<void> = async () => {},
  direction: 1 | -1 = 1,
): Promise<string[]> {
  const seen: string[] = [];
  let previous: T | undefined;
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await fetch(cursor);
    for (const item of page.items) {
      if (previous) expect(compareKeys(previous, item, idOf) * direction).toBeLessThan(0);
      previous = item;
      seen.push(idOf(item));
    }
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
    await between();
  }
  throw new Error('pagination did not end');
}

function compareKeys<T extends { createdAt: Date }>(a: T, b: T, idOf: (item: T) => string): number {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
}

/** Every pre-existing id seen exactly once, and no id seen twice. */
export function expectEachOnce(seen: string[], existing: string[]): void {
  expect(new Set(seen).size).toBe(seen.length);
  for (const id of existing) expect(seen.filter((s) => s === id)).toHaveLength(1);
}
