/**
 * Inserts interrupt guards into a cell's compiled JavaScript.
 *
 * Each loop body and each function body gets a guard as its first statement (after any directive
 * prologue). Sync code gets an inline check of the shared flag (one `Atomics.load`, no call);
 * async code calls `check()`, which also stops loops an interrupted cell left running in the
 * background. Insertions never add line breaks, so line numbers in stack traces stay those of
 * tslab's output.
 */
import type * as TS from 'typescript';
import { GUARD_GLOBAL } from './interrupt';
import { typescript } from './tslab_internals';

const SYNC_GUARD = `if (Atomics.load(${GUARD_GLOBAL}.flag, 0) !== 0) ${GUARD_GLOBAL}.hit();`;
const ASYNC_GUARD = `${GUARD_GLOBAL}.check();`;

interface Insertion {
  at: number;
  text: string;
}

/** Returns `js` with guards inserted; `topLevelAsync` says whether the cell's top level runs inside an async wrapper. */
export function insertLoopGuards(js: string, topLevelAsync: boolean): string {
  const ts = typescript();
  const file = ts.createSourceFile('cell.js', js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const insertions: Insertion[] = [];

  const guardBlock = (body: TS.Statement | TS.ConciseBody, inAsync: boolean): void => {
    const guard = inAsync ? ASYNC_GUARD : SYNC_GUARD;
    if (ts.isBlock(body)) {
      let prologue = 0;
      while (prologue < body.statements.length && isDirective(ts, body.statements[prologue])) prologue++;
      const after = prologue > 0 ? body.statements[prologue - 1].end : body.getStart(file) + 1;
      insertions.push({ at: after, text: ` ${guard}` });
    } else if (!ts.isExpression(body)) {
      insertions.push({ at: body.getStart(file), text: `{ ${guard} ` }, { at: body.end, text: ' }' });
    }
  };

  const visit = (node: TS.Node, inAsync: boolean): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const isAsync = ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
      guardBlock(node.body as TS.ConciseBody, isAsync);
      ts.forEachChild(node, (child) => visit(child, isAsync));
      return;
    }
    if (ts.isIterationStatement(node, false)) guardBlock(node.statement, inAsync);
    ts.forEachChild(node, (child) => visit(child, inAsync));
  };
  ts.forEachChild(file, (child) => visit(child, topLevelAsync));

  insertions.sort((a, b) => b.at - a.at);
  let out = js;
  for (const { at, text } of insertions) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

function isDirective(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
