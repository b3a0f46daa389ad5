// A list's table (shown as cards on narrow screens), with a caption for screen readers;
// nothing when there are no rows.
import type { ReactNode } from 'react';

export function CardTable<Row>({
  caption,
  columns,
  lead,
  actions = false,
  rows,
  children,
}: {
  caption: string;
  columns: string[];
  /** A header cell before the named columns (e.g. a select-all checkbox). */
  lead?: ReactNode;
  /** Adds a last column, for each row's buttons. */
  actions?: boolean;
  rows: Row[];
  /** One row's `<tr>`. */
  children: (row: Row) => ReactNode;
}) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {lead}
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{rows.map(children)}</tbody>
      </table>
    </div>
  );
}
