/**
 * Interrupt guards in a cell's code, added while the cell is compiled (a TypeScript transformer,
 * so the cell's source map stays exact).
 *
 * Each loop body and each function body gets a guard as its first statement (after any directive
 * prologue), and each `await` a check once it resumes (the rest of an interrupted cell must not run
 * when a promise it awaited settles later). Sync code gets an inline check of the shared flag (one `Atomics.load`, no call);
 * async code calls `check()`, which also stops loops an interrupted cell left running in the
 * background.
 */
import type * as TS from 'typescript';
import { GUARD_GLOBAL } from './interrupt';
import { typescript } from './tslab_internals';

/** A transformer adding guards; `topLevelAsync` says whether the cell's top level runs as async code (top-level await). */
export function loopGuards(topLevelAsync: boolean): TS.TransformerFactory<TS.SourceFile> {
  const ts = typescript();
  const f = ts.factory;
  const guardStatement = (inAsync: boolean): TS.Statement => {
    const guards = () => f.createIdentifier(GUARD_GLOBAL);
    if (inAsync)
      return f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(guards(), 'check'), undefined, []));
    const load = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Atomics'), 'load'), undefined, [
      f.createPropertyAccessExpression(guards(), 'flag'),
      f.createNumericLiteral(0),
    ]);
    const hit = f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(guards(), 'hit'), undefined, []));
    return f.createIfStatement(f.createStrictInequality(load, f.createNumericLiteral(0)), hit);
  };
  const guardBlock = (block: TS.Block, inAsync: boolean): TS.Block => {
    let prologue = 0;
    while (prologue < block.statements.length && isDirective(ts, block.statements[prologue])) prologue++;
    const statements = [...block.statements.slice(0, prologue), guardStatement(inAsync), ...block.statements.slice(prologue)];
    return f.updateBlock(block, statements);
  };
  const guardLoopBody = (body: TS.Statement, inAsync: boolean): TS.Statement =>
    ts.isBlock(body) ? guardBlock(body, inAsync) : f.createBlock([guardStatement(inAsync), body], true);

  return (context) => (file) => {
    const visit = (node: TS.Node, inAsync: boolean): TS.Node => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const isAsync = ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
        const visited = ts.visitEachChild(node, (child) => visit(child, isAsync), context) as TS.Node & { body: TS.Node };
        if (!ts.isBlock(visited.body)) return visited;
        return replaceBody(ts, visited, guardBlock(visited.body, isAsync));
      }
      const visited = ts.visitEachChild(node, (child) => visit(child, inAsync), context);
      if (ts.isAwaitExpression(visited)) {
        return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(GUARD_GLOBAL), 'resumed'), undefined, [visited]);
      }
      if (ts.isIterationStatement(visited, false)) return replaceLoopBody(ts, visited, guardLoopBody(visited.statement, inAsync));
      return visited;
    };
    return ts.visitEachChild(file, (child) => visit(child, topLevelAsync), context);
  };
}

/** The same function-like node with a new body. */
function replaceBody(ts: typeof TS, node: TS.Node, body: TS.Block): TS.Node {
  const f = ts.factory;
  if (ts.isFunctionDeclaration(node))
    return f.updateFunctionDeclaration(
      node,
      node.modifiers,
      node.asteriskToken,
      node.name,
      node.typeParameters,
      node.parameters,
      node.type,
      body,
    );
  if (ts.isFunctionExpression(node))
    return f.updateFunctionExpression(
      node,
      node.modifiers,
      node.asteriskToken,
      node.name,
      node.typeParameters,
      node.parameters,
      node.type,
      body,
    );
  if (ts.isArrowFunction(node))
    return f.updateArrowFunction(node, node.modifiers, node.typeParameters, node.parameters, node.type, node.equalsGreaterThanToken, body);
  if (ts.isMethodDeclaration(node))
    return f.updateMethodDeclaration(
      node,
      node.modifiers,
      node.asteriskToken,
      node.name,
      node.questionToken,
      node.typeParameters,
      node.parameters,
      node.type,
      body,
    );
  if (ts.isConstructorDeclaration(node)) return f.updateConstructorDeclaration(node, node.modifiers, node.parameters, body);
  if (ts.isGetAccessorDeclaration(node))
    return f.updateGetAccessorDeclaration(node, node.modifiers, node.name, node.parameters, node.type, body);
  if (ts.isSetAccessorDeclaration(node)) return f.updateSetAccessorDeclaration(node, node.modifiers, node.name, node.parameters, body);
  return node;
}

/** The same loop with a new body. */
function replaceLoopBody(ts: typeof TS, node: TS.IterationStatement, body: TS.Statement): TS.Node {
  const f = ts.factory;
  if (ts.isForStatement(node)) return f.updateForStatement(node, node.initializer, node.condition, node.incrementor, body);
  if (ts.isForOfStatement(node)) return f.updateForOfStatement(node, node.awaitModifier, node.initializer, node.expression, body);
  if (ts.isForInStatement(node)) return f.updateForInStatement(node, node.initializer, node.expression, body);
  if (ts.isWhileStatement(node)) return f.updateWhileStatement(node, node.expression, body);
  if (ts.isDoStatement(node)) return f.updateDoStatement(node, body, node.expression);
  return node;
}

function isDirective(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
