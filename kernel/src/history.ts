/** The session's input history, kept in memory, answering `history_request` (tail, range, search). */

/** One history entry as the protocol sends it: [session, line, input] or [session, line, [input, output]]. */
export type HistoryEntry = [number, number, string | [string, string | null]];

/** Session number of this kernel's history (one session per kernel process, as IPython numbers them from 1). */
const SESSION = 1;

interface Cell {
  line: number;
  input: string;
  output: string | null;
}

/** The fields of a `history_request` this store reads. */
export interface HistoryQuery {
  output?: boolean;
  hist_access_type?: string;
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

/** Inputs (and text outputs) of cells executed with `store_history`. */
export class History {
  private readonly cells: Cell[] = [];

  /** Records a cell under its execution count. */
  add(line: number, input: string, output: string | null): void {
    this.cells.push({ line, input, output });
  }

  /** Answers a `history_request`. */
  query(request: HistoryQuery): HistoryEntry[] {
    const output = request.output === true;
    return this.select(request).map((cell) => [SESSION, cell.line, output ? [cell.input, cell.output] : cell.input]);
  }

  private select(request: HistoryQuery): Cell[] {
    switch (request.hist_access_type) {
      case 'tail':
        return lastN(this.cells, request.n ?? 10);
      case 'range': {
        if (request.session !== undefined && request.session !== SESSION && request.session !== 0 && request.session !== -1) return [];
        const start = request.start ?? 1;
        const stop = request.stop ?? Number.POSITIVE_INFINITY;
        return this.cells.filter((cell) => cell.line >= start && cell.line < stop);
      }
      case 'search': {
        const pattern = globToRegExp(request.pattern ?? '*');
        let found = this.cells.filter((cell) => pattern.test(cell.input));
        if (request.unique) found = found.filter((cell, i) => !found.slice(i + 1).some((later) => later.input === cell.input));
        return request.n ? lastN(found, request.n) : found;
      }
      default:
        throw new Error(`hist_access_type ${JSON.stringify(request.hist_access_type)} is not one of "tail", "range", "search"`);
    }
  }
}

function lastN<T>(items: T[], n: number): T[] {
  return n > 0 ? items.slice(-n) : [];
}

/** IPython's history search matches a glob (`*`, `?`) against the whole input. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${source}$`);
}
