/**
 * Compiles one cell to the JavaScript the kernel runs: a script (types stripped, module syntax
 * rewritten by module_syntax.ts, interrupt guards added by loop_guard.ts) with its source map,
 * plus what the runner needs to know about the cell's top level.
 */
import type * as TS from 'typescript';
import { loopGuards } from './loop_guard';
import { scriptModuleSyntax } from './module_syntax';
import { type SourceMap, splitTranspileOutput } from './source_map';
import { typescript } from './tslab_internals';

/** A top-level binding that stays in its temporal dead zone if the cell stops before its declaration runs. */
export interface LexicalName {
  name: string;
  kind: 'let' | 'const' | 'class';
}

/** One compiled cell. */
export interface EmittedCell {
  /** The script, ending with a `sourceURL` comment naming it `url`. */
  js: string;
  sourceMap: SourceMap;
  /** Whether the cell ends with an expression statement (whose value is the cell's result). */
  lastIsExpression: boolean;
  /** Whether the cell awaits at its top level (`await`, `for await`). */
  topLevelAwait: boolean;
  lexicalNames: LexicalName[];
  /** Every top-level value name (lexical ones too) and type name the cell declares. */
  declared: { values: string[]; types: string[] };
  /** Syntax errors (the cell cannot run). */
  syntaxErrors: readonly TS.Diagnostic[];
}

/** Compiled cells by source: re-running a cell (the common case) skips compiling it again. */
const compiled = new Map<string, Omit<EmittedCell, 'js'> & { script: string }>();
/** Enough for the cells a notebook re-runs; each entry is the cell's JavaScript and source map. */
const CACHE_SIZE = 64;

/** Compiles `src`; stack frames of the result name the script `url`. */
export function emitCell(src: string, url: string): EmittedCell {
  let cell = compiled.get(src);
  if (cell) compiled.delete(src);
  else cell = compile(src);
  compiled.set(src, cell);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  const { script, ...rest } = cell;
  return { ...rest, js: `${script}//# sourceURL=${url}\n` };
}

function compile(src: string): Omit<EmittedCell, 'js'> & { script: string } {
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const topLevelAwait = hasTopLevelAwait(ts, file);
  const out = ts.transpileModule(src, {
    fileName: 'cell.ts',
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: true,
      experimentalDecorators: true,
      jsx: ts.JsxEmit.React,
      newLine: ts.NewLineKind.LineFeed,
    },
    transformers: { before: [scriptModuleSyntax(), loopGuards(topLevelAwait)] },
  });
  const { js, sourceMap } = splitTranspileOutput(out);
  return {
    // A file with module syntax keeps `export {};` even when nothing is left to export.
    script: js.replace(/^export \{\};\n/m, ''),
    sourceMap,
    lastIsExpression: endsWithExpression(ts, file),
    topLevelAwait,
    lexicalNames: lexicalNames(ts, file),
    declared: declaredNames(ts, file),
    syntaxErrors: out.diagnostics ?? [],
  };
}

/** Whether the last statement that emits code is an expression statement. */
function endsWithExpression(ts: typeof TS, file: TS.SourceFile): boolean {
  for (let i = file.statements.length - 1; i >= 0; i--) {
    const statement = file.statements[i];
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || isAmbient(ts, statement)) continue;
    return ts.isExpressionStatement(statement);
  }
  return false;
}

function isAmbient(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/** `await` or `for await` outside any function or class. */
function hasTopLevelAwait(ts: typeof TS, file: TS.SourceFile): boolean {
  const visit = (node: TS.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}

/** The cell's top-level `let`, `const` and `class` names. */
function lexicalNames(ts: typeof TS, file: TS.SourceFile): LexicalName[] {
  const names: LexicalName[] = [];
  const bindings = (name: TS.BindingName, kind: LexicalName['kind']): void => {
    if (ts.isIdentifier(name)) names.push({ name: name.text, kind });
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindings(element.name, kind);
  };
  for (const statement of file.statements) {
    if (isAmbient(ts, statement)) continue;
    if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const kind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : undefined;
      if (kind) for (const declaration of statement.declarationList.declarations) bindings(declaration.name, kind);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      names.push({ name: statement.name.text, kind: 'class' });
    }
  }
  return names;
}

/** The names a cell's top level declares, as values (variables, functions, classes, enums, namespaces, imports) and as types. */
function declaredNames(ts: typeof TS, file: TS.SourceFile): { values: string[]; types: string[] } {
  const values: string[] = [];
  const types: string[] = [];
  const bindings = (name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) values.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindings(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => bindings(d.name));
    else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) types.push(statement.name.text);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name)
      values.push(statement.name.text);
    else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) values.push(statement.name.text);
    else if (ts.isImportEqualsDeclaration(statement)) values.push(statement.name.text);
    else if (ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
      const clause = statement.importClause;
      if (clause.name) values.push(clause.name.text);
      if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) values.push(clause.namedBindings.name.text);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const element of clause.namedBindings.elements) if (!element.isTypeOnly) values.push(element.name.text);
      }
    }
  }
  return { values: [...new Set(values)], types: [...new Set(types)] };
}
