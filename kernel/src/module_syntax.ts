/**
 * Turns a cell's module syntax into script syntax, so V8's REPL mode can run it as a script
 * whose top-level bindings persist: `import … from 'm'` becomes `const … = require('m')`,
 * `export` keywords go, and `import(…)` goes through the kernel (a script has no module to
 * resolve a dynamic import from). A TypeScript transformer run before type stripping.
 */
import type * as TS from 'typescript';
import { typescript } from './tslab_internals';

/** The global through which cell code reaches the kernel's module helpers (see cell_globals.ts). */
export const CELL_GLOBAL = '__deconvlab_cell__';

/** A transformer rewriting the cell's imports, exports and dynamic imports. */
export function scriptModuleSyntax(): TS.TransformerFactory<TS.SourceFile> {
  const ts = typescript();
  const f = ts.factory;
  const helper = (name: string, args: TS.Expression[]) =>
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(CELL_GLOBAL), name), undefined, args);
  const requireCall = (specifier: TS.Expression) => f.createCallExpression(f.createIdentifier('require'), undefined, [specifier]);
  const constStatement = (name: TS.BindingName, init: TS.Expression) =>
    f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], ts.NodeFlags.Const),
    );

  const rewriteImport = (node: TS.ImportDeclaration): TS.Statement[] => {
    const clause = node.importClause;
    const from = requireCall(node.moduleSpecifier);
    if (!clause) return [f.createExpressionStatement(from)];
    if (clause.isTypeOnly) return [];
    const out: TS.Statement[] = [];
    if (clause.name) out.push(constStatement(clause.name, helper('importDefault', [from])));
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) out.push(constStatement(bindings.name, from));
    if (bindings && ts.isNamedImports(bindings)) {
      const elements = bindings.elements
        .filter((element) => !element.isTypeOnly)
        .map((element) => f.createBindingElement(undefined, element.propertyName, element.name));
      if (elements.length > 0) out.push(constStatement(f.createObjectBindingPattern(elements), from));
    }
    return out.map((statement) => ts.setTextRange(statement, node));
  };

  const rewriteTopLevel = (node: TS.Statement): TS.Statement | TS.Statement[] | undefined => {
    if (ts.isImportDeclaration(node)) return rewriteImport(node);
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && !node.isTypeOnly) {
      return ts.setTextRange(constStatement(node.name, requireCall(node.moduleReference.expression)), node);
    }
    if (ts.isExportDeclaration(node)) return undefined;
    if (ts.isExportAssignment(node))
      return node.isExportEquals ? undefined : ts.setTextRange(f.createExpressionStatement(node.expression), node);
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const kept = modifiers.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword);
      return withModifiers(ts, node, kept);
    }
    return node;
  };

  return (context) => (file) => {
    const dynamicImports = (node: TS.Node): TS.Node => {
      const visited = ts.visitEachChild(node, dynamicImports, context);
      if (ts.isCallExpression(visited) && visited.expression.kind === ts.SyntaxKind.ImportKeyword) {
        return ts.setTextRange(helper('import', [...visited.arguments]), visited);
      }
      return visited;
    };
    const statements = file.statements.flatMap((statement) => {
      const rewritten = rewriteTopLevel(statement);
      return rewritten === undefined ? [] : Array.isArray(rewritten) ? rewritten : [rewritten];
    });
    return ts.visitEachChild(f.updateSourceFile(file, statements), dynamicImports, context);
  };
}

/** `node` (a declaration statement) with `modifiers` instead of its own. */
function withModifiers(ts: typeof TS, node: TS.Statement, modifiers: TS.ModifierLike[]): TS.Statement {
  const f = ts.factory;
  if (ts.isVariableStatement(node)) return f.updateVariableStatement(node, modifiers as TS.Modifier[], node.declarationList);
  if (ts.isFunctionDeclaration(node))
    return f.updateFunctionDeclaration(
      node,
      modifiers,
      node.asteriskToken,
      node.name,
      node.typeParameters,
      node.parameters,
      node.type,
      node.body,
    );
  if (ts.isClassDeclaration(node))
    return f.updateClassDeclaration(node, modifiers, node.name, node.typeParameters, node.heritageClauses, node.members);
  if (ts.isEnumDeclaration(node)) return f.updateEnumDeclaration(node, modifiers as TS.Modifier[], node.name, node.members);
  if (ts.isModuleDeclaration(node)) return f.updateModuleDeclaration(node, modifiers as TS.Modifier[], node.name, node.body);
  if (ts.isInterfaceDeclaration(node))
    return f.updateInterfaceDeclaration(
      node,
      modifiers as TS.Modifier[],
      node.name,
      node.typeParameters,
      node.heritageClauses,
      node.members,
    );
  if (ts.isTypeAliasDeclaration(node))
    return f.updateTypeAliasDeclaration(node, modifiers as TS.Modifier[], node.name, node.typeParameters, node.type);
  return node;
}

/**
 * `src` with its top-level `export` syntax blanked out (same length, same line breaks, so
 * diagnostics keep their positions): tslab's converter adds its own `export { … }` of every
 * local, which clashes with the cell's exports ("Cannot redeclare exported variable").
 */
export function blankExports(src: string): string {
  if (!src.includes('export')) return src;
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ranges: [number, number][] = [];
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) ranges.push([statement.getStart(file), statement.end]);
    else if (ts.isExportAssignment(statement) && !statement.isExportEquals)
      ranges.push([statement.getStart(file), statement.expression.getStart(file)]);
    else if (ts.canHaveModifiers(statement)) {
      for (const modifier of ts.getModifiers(statement) ?? []) {
        if (modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DefaultKeyword)
          ranges.push([modifier.getStart(file), modifier.end]);
      }
    }
  }
  let out = src;
  for (const [start, end] of ranges) out = out.slice(0, start) + out.slice(start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  return out;
}
