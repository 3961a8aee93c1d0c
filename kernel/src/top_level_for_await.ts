/**
 * Detects a `for await` loop at a cell's top level. tslab marks a cell async (wrapping it in an
 * async function) only for top-level `await` expressions, so such a cell failed with "Unexpected
 * reserved word"; the cell runner marks it async too.
 */
import type * as TS from 'typescript';
import { typescript } from './tslab_internals';

/** Whether `js` has a `for await` loop outside any function. */
export function hasTopLevelForAwait(js: string): boolean {
  if (!js.includes('for await')) return false;
  const ts = typescript();
  const file = ts.createSourceFile('cell.js', js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const visit = (node: TS.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}
