// What a paged list shows around its rows: loading, a failure, the empty state, and the pager.
import { describeAuthError } from '@latchkey/react-hooks';
import type { ReactNode } from 'react';
import { Alert, Loading } from './page.js';

/** The parts of an infinite query these components read. */
interface PagedQuery<Row> {
  data?: { pages: { data: Row[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Every row of the pages loaded so far. */
export function loadedRows<Row>(query: PagedQuery<Row>): Row[] {
  return query.data?.pages.flatMap((page) => page.data) ?? [];
}

/** Loading…, the error, or (once loaded with no rows) `empty`. */
export function ListStatus({
  query,
  count,
  empty,
}: {
  query: PagedQuery<unknown>;
  count: number;
  empty: ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{describeAuthError(query.error)}</Alert>;
  return query.isSuccess && count === 0 ? empty : null;
}

/** A "Load more" button while there are more pages, after an optional live status line. */
export function Pager({
  query,
  label = 'Load more',
  status,
}: {
  query: PagedQuery<unknown>;
  label?: string;
  status?: ReactNode;
}) {
  if (status === undefined && !query.hasNextPage) return null;
  return (
    <div className="pager">
      {status !== undefined ? (
        <p className="muted" aria-live="polite">
          {status}
        </p>
      ) : null}
      {query.hasNextPage ? (
        <button
          type="button"
          className="btn"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? 'Loading…' : label}
        </button>
      ) : null}
    </div>
  );
}
