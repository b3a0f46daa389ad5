// Cursor pagination over any list operation answering { data, next_cursor }.
import { ProtocolError } from './errors.js';
import type { CallOptions, PageQuery } from './client.js';

/**
 * One page of a list operation: `?limit=&cursor=` answers `{ data, next_cursor }`, and
 * `next_cursor` is null on the last page.
 *
 * @example
 * ```ts
 * const page: Page<Client> = await latchkey.clients.list({ limit: 20 });
 * if (page.next_cursor) await latchkey.clients.list({ cursor: page.next_cursor });
 * ```
 */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * What {@link paginate} returns: an async iterable over every item of every page, that can
 * also walk page by page or collect everything.
 *
 * @example
 * ```ts
 * const pager: Paginator<User> = paginate(latchkey.users.list, { role: 'admin' });
 * const admins = await pager.toArray();
 * ```
 */
export interface Paginator<T> extends AsyncIterable<T> {
  /** The pages themselves, fetched one at a time as you iterate. */
  pages(): AsyncIterableIterator<Page<T>>;
  /** Every item of every page (mind the memory on big lists). */
  toArray(): Promise<T[]>;
}

/**
 * Walks a cursor-paginated list operation, fetching the next page only when the previous one
 * is used up. Works with any `(query, options) => Promise<{ data, next_cursor }>`; stop early
 * with `break`.
 *
 * @example
 * ```ts
 * for await (const client of paginate(latchkey.clients.list, { limit: 100 })) {
 *   console.log(client.client_id, client.client_name);
 * }
 *
 * for await (const page of paginate(latchkey.auditEvents.list, { type: 'user.created' }).pages()) {
 *   console.log(page.data.length);
 * }
 * ```
 */
export function paginate<TItem, TQuery extends { cursor?: string } = PageQuery>(
  list: (query?: TQuery, options?: CallOptions) => Promise<Page<TItem>>,
  query?: Omit<TQuery, 'cursor'>,
  options?: CallOptions,
): Paginator<TItem> {
  async function* pages(): AsyncGenerator<Page<TItem>> {
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await list({ ...query, ...(cursor ? { cursor } : {}) } as TQuery, options);
      yield page;
      cursor = page.next_cursor ?? undefined;
      if (cursor !== undefined) {
        if (seen.has(cursor)) {
          throw new ProtocolError('invalid_response', 'The server returned a cursor twice');
        }
        seen.add(cursor);
      }
    } while (cursor !== undefined);
  }
  async function* items(): AsyncGenerator<TItem> {
    for await (const page of pages()) yield* page.data;
  }
  return {
    [Symbol.asyncIterator]: () => items(),
    pages,
    async toArray() {
      const all: TItem[] = [];
      for await (const item of items()) all.push(item);
      return all;
    },
  };
}
