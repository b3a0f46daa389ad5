import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLatchkeyClient } from './client.js';
import { ProtocolError } from './errors.js';
import { paginate } from './paginate.js';

const BASE = 'https://lk.test';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const user = (id: string) => ({
  id,
  username: id,
  email: null,
  display_name: null,
  role: 'member',
  disabled: false,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
});

/** Three pages: [u1,u2] -> [u3,u4] -> [u5]. */
function threePages() {
  const queries: string[] = [];
  const pages: Record<string, { ids: string[]; next: string | null }> = {
    '': { ids: ['u1', 'u2'], next: 'c2' },
    c2: { ids: ['u3', 'u4'], next: 'c3' },
    c3: { ids: ['u5'], next: null },
  };
  mock.use(
    http.get(`${BASE}/api/v1/users`, ({ request }) => {
      const url = new URL(request.url);
      queries.push(url.search);
      const page = pages[url.searchParams.get('cursor') ?? '']!;
      return HttpResponse.json({ data: page.ids.map(user), next_cursor: page.next });
    }),
  );
  return queries;
}

describe('paginate', () => {
  it('iterates every item across 3 pages, keeping the filters', async () => {
    const queries = threePages();
    const latchkey = createLatchkeyClient({ baseUrl: BASE, token: 't' });
    const ids: string[] = [];
    for await (const u of paginate(latchkey.users.list, { limit: 2, role: 'member' }))
      ids.push(u.id);
    expect(ids).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(queries).toEqual([
      '?limit=2&role=member',
      '?limit=2&role=member&cursor=c2',
      '?limit=2&role=member&cursor=c3',
    ]);
  });

  it('walks pages, collects, and fetches lazily', async () => {
    const queries = threePages();
    const latchkey = createLatchkeyClient({ baseUrl: BASE });
    const sizes: number[] = [];
    for await (const page of paginate(latchkey.users.list).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect(await paginate(latchkey.users.list).toArray()).toHaveLength(5);
    queries.length = 0;
    for await (const u of paginate(latchkey.users.list)) {
      expect(u.id).toBe('u1');
      break;
    }
    expect(queries).toHaveLength(1);
  });

  it('works with any list function and stops on a repeated cursor', async () => {
    const list = async (q?: { cursor?: string }) => ({
      data: [q?.cursor ?? 'first'],
      next_cursor: 'same',
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of paginate(list)) seen.push(item);
      })(),
    ).rejects.toBeInstanceOf(ProtocolError);
    expect(seen).toEqual(['first', 'same']);
  });
});
