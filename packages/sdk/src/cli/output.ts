// Tables for people, JSON for scripts, and a progress bar that only a terminal sees.
import type { Writable } from 'node:stream';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => r[i]!.length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** `label: value` lines for one object. */
export function details(entries: Array<[string, string]>): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n') + '\n';
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `2025-01-15T09:30:00Z` -> `2025-01-15 09:30`; null -> the fallback. */
export function when(value: string | null | undefined, fallback = '-'): string {
  if (!value) return fallback;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().slice(0, 16).replace('T', ' ');
}

export function list(values: string[] | undefined): string {
  return values && values.length > 0 ? values.join(', ') : '-';
}

function oneLine(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

export interface Progress {
  tick(done: number): void;
  finish(): void;
}

/** `label [#####-----] 12/40` redrawn in place on stderr; nothing at all when not a TTY. */
export function progress(
  stream: Writable & { isTTY?: boolean },
  label: string,
  total: number,
): Progress {
  if (!stream.isTTY || total === 0) return { tick: () => undefined, finish: () => undefined };
  const width = 30;
  const draw = (done: number) => {
    const filled = Math.round((done / total) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`,
    );
  };
  draw(0);
  return { tick: draw, finish: () => stream.write('\r\x1b[2K') };
}
