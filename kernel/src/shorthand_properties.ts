/**
 * Spells out shorthand properties (`{ data }` → `{ data: data }`) before tslab converts a cell.
 *
 * tslab rewrites every reference to an earlier cell's declaration as `exports.<name>`, but its
 * rewrite skips the identifier of a shorthand property assignment, so `train({ data })` after
 * `const data = …` in an earlier cell fails with "data is not defined". With the value spelled out
 * the rewrite applies. Insertions go on the same line, so reported line numbers do not move.
 */
import type * as TS from 'typescript';
import { typescript } from './tslab_internals';

/** Returns `src` with every shorthand property assignment written as `name: name` (or `name: name = init` in destructuring). */
export function expandShorthandProperties(src: string): string {
  if (!src.includes('{')) return src;
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ends: { at: number; name: string }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) ends.push({ at: node.name.end, name: node.name.text });
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = src;
  for (const { at, name } of ends.sort((a, b) => b.at - a.at)) out = `${out.slice(0, at)}: ${name}${out.slice(at)}`;
  return out;
}
