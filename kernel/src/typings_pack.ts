/**
 * One declaration file standing for the typings of whole packages: every `.d.ts` file reachable
 * from the packages' entry points becomes an ambient module (`declare module "<package>/<path>"`)
 * in a single script, with each file's text kept verbatim except for its module specifiers, which
 * name the packed modules, and its top-level `declare` keywords, which an ambient module's body may
 * not repeat.
 *
 * Why: TypeScript builds a new program and type checker for every new cell, and both cost time per
 * file. tf's typings alone are ~610 files (tfjs-core 434) and deconvlab's ~115; packed, a new
 * cell's program has ~160 files instead of ~890, and its update and check take about two thirds of
 * the time. Names, doc comments and module structure stay as the packages wrote them (a bundler
 * that merges the modules into one scope has to rename clashing names, e.g. `Tensor4D$1`, which
 * users would see).
 * Nested `declare module` blocks of the packed files (tfjs's chained-op augmentations) stay
 * augmentations: inside a top-level ambient module of a script they augment the module they name.
 */
import { dirname, join, relative } from 'path';
import type * as TS from 'typescript';

/** The packed text and the files it was made from. */
export interface TypingsPack {
  /** A script (no top-level import or export) of `declare module` blocks, with the packed files' type references first. */
  text: string;
  /** Every packed declaration file (absolute paths). */
  files: string[];
  /** The names of the packages packed (each is also the module name of its entry point). */
  packages: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface PackageRoot {
  name: string;
  dir: string;
  /** The declaration file a bare import of the package resolves to. */
  entry?: string;
}

/** The package a file belongs to (the nearest folder above it with a package.json that has a name). */
function packageRootFinder(ts: typeof TS, options: TS.CompilerOptions): (file: string) => PackageRoot | undefined {
  const roots = new Map<string, PackageRoot | undefined>();
  const rootOf = (dir: string): PackageRoot | undefined => {
    if (roots.has(dir)) return roots.get(dir);
    const text = ts.sys.readFile(join(dir, 'package.json'));
    const name = text === undefined ? undefined : (JSON.parse(text) as { name?: string }).name;
    let root: PackageRoot | undefined;
    if (name) {
      const entry = ts.resolveModuleName(dir, join(dir, '__entry__.ts'), options, ts.sys).resolvedModule?.resolvedFileName;
      root = { name, dir, entry };
    } else if (dirname(dir) !== dir) root = rootOf(dirname(dir));
    roots.set(dir, root);
    return root;
  };
  return (file) => rootOf(dirname(file));
}

/**
 * Packs the declaration files reachable from the entry points of `packages` (resolved from `fromDir`), following
 * imports into every package that `packs` accepts by name; imports of other packages (Node's, `long`, …) stay as they are.
 */
export function packTypings(
  ts: typeof TS,
  packages: string[],
  {
    fromDir,
    packs,
    compilerOptions: options,
  }: { fromDir: string; packs(packageName: string): boolean; compilerOptions: TS.CompilerOptions },
): TypingsPack {
  const packageRoot = packageRootFinder(ts, options);
  const moduleName = (file: string): string | undefined => {
    const root = packageRoot(file);
    if (!root || !packs(root.name)) return undefined;
    return file === root.entry ? root.name : `${root.name}/${relative(root.dir, file).replace(/(\/index)?\.d\.ts$/, '')}`;
  };
  const resolve = (specifier: string, from: string): string | undefined => {
    const file = ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule?.resolvedFileName;
    return file?.endsWith('.d.ts') && moduleName(file) ? file : undefined;
  };
  const queue = packages.map((name) => {
    const file = resolve(name, join(fromDir, '__entry__.ts'));
    if (!file) throw new Error(`typings pack: ${name} has no declaration files reachable from ${fromDir}; run \`npm run setup\``);
    return file;
  });
  const seen = new Set(queue);
  const references = new Set<string>();
  const blocks: string[] = [];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true);
    const edits = declareModifiers(ts, source);
    for (const literal of moduleSpecifiers(ts, source)) {
      const target = resolve(literal.text, file);
      if (!target) continue;
      edits.push({ start: literal.getStart(source), end: literal.getEnd(), text: JSON.stringify(moduleName(target)) });
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
    for (const reference of source.typeReferenceDirectives) references.add(`/// <reference types=${JSON.stringify(reference.fileName)} />`);
    for (const reference of source.referencedFiles)
      references.add(`/// <reference path=${JSON.stringify(join(dirname(file), reference.fileName))} />`);
    blocks.push(`declare module ${JSON.stringify(moduleName(file))} {\n${applyEdits(source.text, edits)}\n}\n`);
  }
  const files = [...seen];
  return { text: [...references, ...blocks].join('\n'), files, packages: [...new Set(files.map((f) => packageRoot(f)!.name))] };
}

/** The string literals naming modules: imports, exports, `import("…")` types and augmentations. */
function moduleSpecifiers(ts: typeof TS, source: TS.SourceFile): TS.StringLiteral[] {
  const found: TS.StringLiteral[] = [];
  const visit = (node: TS.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier);
    else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) found.push(node.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push(node.argument.literal);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) found.push(node.name);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Removals of top-level `declare` keywords, which an ambient module's body may not repeat (kept on augmentations and `declare global`). */
function declareModifiers(ts: typeof TS, source: TS.SourceFile): Edit[] {
  return source.statements.flatMap((statement) =>
    ts.canHaveModifiers(statement) && !ts.isModuleDeclaration(statement)
      ? (ts.getModifiers(statement) ?? [])
          .filter((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
          .map((m) => ({ start: m.getStart(source), end: m.getEnd() + (source.text[m.getEnd()] === ' ' ? 1 : 0), text: '' }))
      : [],
  );
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
