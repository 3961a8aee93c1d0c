import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import type { MimeBundle } from './display_sink';

/** Options of {@link tableBundle}. */
export interface TableOptions {
  /** Caption above the table. */
  title?: string;
  /** Significant digits numbers are rounded to (integers stay whole); default 4. */
  digits?: number;
  /** Only these columns, in this order (console.table's `properties`). */
  columns?: string[];
}

/** Rows shown at most; longer tables end with a line saying how many rows were left out. */
const MAX_TABLE_ROWS = 500;
const INDEX = '(index)';
const VALUES = 'Values';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes untrusted text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** A number rounded to `digits` significant digits (whole numbers, and the integer part of large ones, kept). */
function roundNumber(v: number, digits: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  return Math.abs(v) >= 10 ** digits ? Math.round(v) : Number(v.toPrecision(digits));
}

/** The rows of console.table-shaped data: `[index, value]` of an array's items or an object's own entries (a Map's entries too). */
function entries(data: object): [string, unknown][] {
  if (data instanceof Map) return [...data.entries()].map(([k, v]) => [String(k), v]);
  if (Array.isArray(data) || data instanceof Set) return [...data].map((v, i) => [String(i), v]);
  return Object.entries(data);
}

/** The table's columns: the union of the rows' own keys in first-seen order, then `Values` when a row is a primitive. */
function columnsOf(rows: [string, unknown][], only?: string[]): string[] {
  if (only) return only.map(String);
  const keys = new Set<string>();
  let values = false;
  for (const [, row] of rows) {
    if (row !== null && typeof row === 'object') Object.keys(row).forEach((k) => keys.add(k));
    else values = true;
  }
  return values ? [...keys, VALUES] : [...keys];
}

/** A row's cell in `column` (primitive rows fill only `Values`). */
function cell(row: unknown, column: string): unknown {
  if (row !== null && typeof row === 'object')
    return Object.prototype.hasOwnProperty.call(row, column) ? (row as Record<string, unknown>)[column] : undefined;
  return column === VALUES ? row : undefined;
}

/** A cell as HTML-table text: strings as they are, numbers rounded, nested values inspected on one line. */
function cellText(v: unknown, digits: number): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(roundNumber(v, digits));
  if (typeof v === 'string') return v;
  if (v === null || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'symbol') return String(v);
  return inspect(v, { depth: 1, breakLength: Infinity, compact: true });
}

/** The HTML table: caption, header row, one row per entry; numbers right-aligned, text left-aligned, everything escaped. */
function htmlTable(rows: [string, unknown][], columns: string[], digits: number, title: string | undefined, omitted: number): string {
  const align = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? 'right' : 'left');
  const head = [INDEX, ...columns].map((c) => `<th style="text-align: left">${escapeHtml(c)}</th>`).join('');
  const body = rows.map(
    ([index, row]) =>
      `<tr><th style="text-align: left">${escapeHtml(index)}</th>${columns
        .map((c) => {
          const v = cell(row, c);
          return `<td style="text-align: ${align(v)}">${escapeHtml(cellText(v, digits))}</td>`;
        })
        .join('')}</tr>`,
  );
  if (omitted) body.push(`<tr><td colspan="${columns.length + 1}">… ${omitted} more rows not shown</td></tr>`);
  return [
    '<table class="deconvlab-table">',
    ...(title ? [`<caption style="text-align: left; font-weight: bold">${escapeHtml(title)}</caption>`] : []),
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** Node's own console.table text of the (rounded) rows, captured instead of printed. */
function asciiTable(rows: [string, unknown][], columns: string[] | undefined, digits: number): string {
  let text = '';
  const stdout = new Writable({
    decodeStrings: false,
    write: (chunk, _encoding, done) => {
      text += String(chunk);
      done();
    },
  });
  const sink = new Console({ stdout });
  const round = (v: unknown): unknown => (typeof v === 'number' ? roundNumber(v, digits) : v);
  const rounded = Object.fromEntries(
    rows.map(([index, row]) => [
      index,
      row !== null && typeof row === 'object' && !Array.isArray(row)
        ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, round(v)]))
        : Array.isArray(row)
          ? row.map(round)
          : round(row),
    ]),
  );
  sink.table(rounded, columns);
  return text.trimEnd();
}

/**
 * Builds the bundle of a table (`text/html` and Node's console.table text as `text/plain`) from what
 * `console.table` takes: an array or object whose entries are objects (one column per key) or values.
 */
export function tableBundle(data: unknown, options: TableOptions = {}): MimeBundle {
  if (data === null || typeof data !== 'object') {
    throw new Error(
      `table: expected an array or object of rows (like console.table), got ${data === null ? 'null' : typeof data}; e.g. deconv.show.table([{ a: 1, b: 2 }])`,
    );
  }
  const digits = options.digits ?? 4;
  if (!(Number.isInteger(digits) && digits >= 1 && digits <= 17))
    throw new Error(`table: digits must be an integer in 1..17 (significant digits), got ${digits}`);
  if (options.columns !== undefined && !Array.isArray(options.columns)) throw new Error('table: columns must be an array of column names');
  const all = entries(data);
  const rows = all.slice(0, MAX_TABLE_ROWS);
  const columns = columnsOf(rows, options.columns);
  const omitted = all.length - rows.length;
  const title = options.title === undefined ? undefined : String(options.title);
  const text = [title, asciiTable(rows, options.columns, digits), omitted ? `… ${omitted} more rows not shown` : undefined]
    .filter((s) => s !== undefined)
    .join('\n');
  return { 'text/html': htmlTable(rows, columns, digits, title, omitted), 'text/plain': text };
}
