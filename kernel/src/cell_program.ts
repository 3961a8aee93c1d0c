/**
 * The program behind tslab's converter: a plain TypeScript program per cell instead of tslab's
 * default incremental builder.
 *
 * tslab's watch host creates an `EmitAndSemanticDiagnosticsBuilderProgram` for every cell. The
 * builder's state (per-file versions, signatures and a reference map computed with a fresh type
 * checker over every file of the program, tf's hundreds of typings included) cost ~70% of a new
 * cell's conversion, and the converter uses none of it but `getAllDependencies`. A plain program
 * (TypeScript's "abstract builder", which still reuses the unchanged files of the previous program)
 * plus the dependency walk below give the converter the same answers. The converter reads the
 * cell's `locals` (its top-level names) right after each update; the default builder had bound every
 * file by then, so the root files (the cell and the declarations of earlier cells) are bound here.
 */
import type * as TS from 'typescript';

/** The `createProgram` argument of `ts.createWatchCompilerHost`, making abstract builders that know a cell's dependencies. */
export function cellProgramFactory(ts: typeof TS): TS.CreateProgram<TS.BuilderProgram> {
  return (rootNames, options, host, oldProgram, configFileParsingDiagnostics, projectReferences) => {
    const builder = ts.createAbstractBuilder(rootNames, options, host, oldProgram, configFileParsingDiagnostics, projectReferences);
    const program = builder.getProgram();
    builder.getAllDependencies = (sourceFile) => sourceDependencies(ts, program, sourceFile);
    for (const name of program.getRootFileNames()) {
      const file = program.getSourceFile(name);
      if (file) bindSourceFile(ts, file, program.getCompilerOptions());
    }
    return builder;
  };
}

/** Binds `file` (fills its `locals`) unless it is bound already; the type checker skips bound files. */
function bindSourceFile(ts: typeof TS, file: TS.SourceFile, options: TS.CompilerOptions): void {
  // Internal in TypeScript's typings, present at run time; idempotent.
  (ts as unknown as { bindSourceFile(file: TS.SourceFile, options: TS.CompilerOptions): void }).bindSourceFile(file, options);
}

type ResolvedModuleLookup = (sourceFile: TS.SourceFile, name: string, mode: TS.ResolutionMode) => TS.ResolvedModuleFull | undefined;

/**
 * `sourceFile` and the program's source (not declaration, not package) files it imports, transitively:
 * what tslab emits along with a cell (its local `.ts`/`.js` modules). The builder this replaces walked
 * every reference, typings included, and tslab then kept only these.
 */
export function sourceDependencies(ts: typeof TS, program: TS.Program, sourceFile: TS.SourceFile): string[] {
  // Internal in TypeScript 5.0's typings, present at run time (the builder uses the same lookup).
  const resolvedModule = (ts as unknown as { getResolvedModule: ResolvedModuleLookup }).getResolvedModule;
  const declarationExtensions: string[] = [ts.Extension.Dts, ts.Extension.Dmts, ts.Extension.Dcts];
  const seen = new Set<string>([sourceFile.fileName]);
  const queue = [sourceFile];
  for (let file = queue.pop(); file; file = queue.pop()) {
    const imports = (file as unknown as { imports?: readonly TS.StringLiteralLike[] }).imports ?? [];
    for (const literal of imports) {
      const resolved = resolvedModule(file, literal.text, ts.getModeForUsageLocation(file, literal, program.getCompilerOptions()));
      if (!resolved || resolved.isExternalLibraryImport || declarationExtensions.includes(resolved.extension)) continue;
      const imported = program.getSourceFile(resolved.resolvedFileName);
      if (!imported || seen.has(imported.fileName)) continue;
      seen.add(imported.fileName);
      queue.push(imported);
    }
  }
  return [...seen];
}
