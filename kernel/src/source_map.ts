/**
 * Reading a compiled cell's source map (version 3, one source): generated line/column → the
 * cell's own line/column. Only the `mappings` VLQ decoding a stack-trace lookup needs.
 */

/** A position, zero-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** One mapping segment: generated column → source position. */
interface Segment {
  column: number;
  source: Position;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a `mappings` string into the segments of each generated line, sorted by column. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const fields = decodeVlq(segmentText);
      column += fields[0];
      if (fields.length < 4) continue;
      sourceLine += fields[2];
      sourceColumn += fields[3];
      segments.push({ column, source: { line: sourceLine, column: sourceColumn } });
    }
    lines.push(segments.sort((a, b) => a.column - b.column));
  }
  return lines;
}

/** Decodes one segment's base64 VLQ fields. */
function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`source map: bad base64 digit ${JSON.stringify(char)} in ${JSON.stringify(text)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Maps generated positions of one compiled cell back to the cell's source. */
export class SourceMap {
  private readonly lines: Segment[][];

  /** `json` is the source map text TypeScript emits. */
  constructor(json: string) {
    this.lines = decodeMappings((JSON.parse(json) as { mappings: string }).mappings);
  }

  /**
   * The source position of the nearest mapped segment at or before `generated` on its line (or
   * the line's first segment); for a line without any (code the compiler added, such as interrupt
   * guards), the last segment of the nearest line above.
   */
  original(generated: Position): Position | undefined {
    const segments = this.lines[generated.line];
    if (!segments || segments.length === 0) {
      for (let line = Math.min(generated.line, this.lines.length) - 1; line >= 0; line--) {
        const above = this.lines[line];
        if (above.length > 0) return above[above.length - 1].source;
      }
      return undefined;
    }
    let found = segments[0];
    for (const segment of segments) {
      if (segment.column > generated.column) break;
      found = segment;
    }
    return found.source;
  }
}

/** A transpiled file's JavaScript without its `sourceMappingURL` comment, and its source map (empty if none was made). */
export function splitTranspileOutput(out: { outputText: string; sourceMapText?: string }): { js: string; sourceMap: SourceMap } {
  return {
    js: out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
    sourceMap: new SourceMap(out.sourceMapText ?? '{"mappings":""}'),
  };
}
