/**
 * A thrown error's stack in the cell's terms: frames of cell code mapped to the cell's own
 * line:column (through each compiled cell's source map), the failing source line with a caret,
 * and library frames folded into one "… N frames in <package>" line per run of them.
 */
import type { SourceMap } from './source_map';

/** A compiled cell, as stack frames name it by its script URL. */
export interface CellScript {
  /** How tracebacks name the cell, e.g. `Cell In[3]`. */
  label: string;
  source: string;
  sourceMap: SourceMap;
}

/** What the traceback needs to know about the process. */
export interface TracebackContext {
  /** The compiled cell a script URL names, if it is one. */
  cell(url: string): CellScript | undefined;
  /** Folders whose frames are folded under a name (e.g. deconvlab's dist folder → `deconvlab`). */
  libraries: { dir: string; name: string }[];
}

interface Frame {
  text: string;
  fn?: string;
  url?: string;
  line?: number;
  column?: number;
}

/** The frame at which the kernel's evaluation call enters the cell; it and what follows are the kernel's. */
const KERNEL_BOUNDARY = /^\s*at Session\.post \(node:inspector/;
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** The traceback lines for `stack` (an `Error.stack`), below its first `Name: message` line. */
export function tracebackLines(stack: string, context: TracebackContext): string[] {
  const frames: Frame[] = [];
  for (const text of stack.split('\n').filter((line) => /^\s+at /.test(line))) {
    if (KERNEL_BOUNDARY.test(text)) break;
    frames.push(parseFrame(text));
  }
  const lines: string[] = [];
  let excerptShown = false;
  let folded: { name: string; count: number } | undefined;
  const flush = () => {
    if (folded) lines.push(`    … ${folded.count} frame${folded.count === 1 ? '' : 's'} in ${folded.name}`);
    folded = undefined;
  };
  for (const frame of frames) {
    const cell = frame.url === undefined ? undefined : context.cell(frame.url);
    if (cell && frame.line !== undefined && frame.column !== undefined) {
      flush();
      const at = cell.sourceMap.original({ line: frame.line - 1, column: frame.column - 1 });
      const where = at ? `${cell.label}:${at.line + 1}:${at.column + 1}` : cell.label;
      if (at && !excerptShown) {
        lines.push(...excerpt(cell.source, at.line, at.column, `${cell.label}, line ${at.line + 1}`));
        excerptShown = true;
      }
      lines.push(frame.fn ? `    at ${frame.fn} (${where})` : `    at ${where}`);
      continue;
    }
    const library = libraryOf(frame, context);
    if (library === undefined) {
      flush();
      lines.push(frame.text);
    } else if (folded?.name === library) {
      folded.count++;
    } else {
      flush();
      folded = { name: library, count: 1 };
    }
  }
  flush();
  return lines;
}

/** The source line with a caret under `column`, headed by `heading`. */
export function excerpt(source: string, line: number, column: number, heading: string): string[] {
  const text = source.split('\n')[line] ?? '';
  const gutter = String(line + 1);
  return [heading, `${gutter} | ${text}`, `${' '.repeat(gutter.length)} | ${' '.repeat(column)}^`];
}

function parseFrame(text: string): Frame {
  const match = FRAME.exec(text);
  if (!match) return { text };
  return { text, fn: match[1], url: match[2], line: Number(match[3]), column: Number(match[4]) };
}

/** The name a library frame folds under, or undefined for frames shown as they are (the user's own files). */
function libraryOf(frame: Frame, context: TracebackContext): string | undefined {
  const url = frame.url ?? /\((.*)\)$/.exec(frame.text)?.[1] ?? frame.text;
  if (url.startsWith('node:') || url === '<anonymous>' || (/^\s*at [^(]*$/.test(frame.text) && frame.url === undefined))
    return 'node internals';
  const packageMatch = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(url);
  if (packageMatch) return packageMatch[1].replace('\\', '/');
  return context.libraries.find((library) => url.startsWith(library.dir))?.name;
}
