/**
 * The CommonJS names cells use (`require`, `module`, `exports`, `__dirname`, `__filename`),
 * resolving from the kernel's working directory and then from the kernel's checkout (so the
 * packages whose types the kernel ships, deconvlab and tfjs-node, load from any notebook folder),
 * and the module helpers compiled cells call (see module_syntax.ts). Cells run as scripts in this
 * context, so these are globals.
 */
import Module from 'module';
import { isAbsolute, join, resolve } from 'path';
import { pathToFileURL } from 'url';
import { CELL_GLOBAL } from './module_syntax';

/** The helpers behind compiled imports. */
export interface CellModuleHelpers {
  /** `import x from 'm'`: the default export, or the whole CommonJS module. */
  importDefault(module: unknown): unknown;
  /** `import('m')`, resolved from the working directory; works for ES modules too. */
  import(specifier: unknown): Promise<unknown>;
}

/** A real dynamic import: this file is compiled to CommonJS, where TypeScript would turn `import()` into `require`. */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Defines the globals for cells rooted at `rootDir`. */
export function installCellGlobals(rootDir: string): void {
  const filename = join(rootDir, '[cell]');
  const cellModule = new Module(filename);
  cellModule.filename = filename;
  cellModule.paths = [...new Set([...nodeModulePaths(rootDir), ...nodeModulePaths(__dirname)])];
  const cellRequire = moduleRequire(cellModule);
  const helpers: CellModuleHelpers = {
    importDefault: (module) => (isEsModuleInterop(module) ? module.default : module),
    import: (specifier) => nativeImport(importTarget(String(specifier), rootDir, cellRequire)),
  };
  const globals: Record<string, unknown> = {
    require: cellRequire,
    module: cellModule,
    exports: cellModule.exports,
    __dirname: rootDir,
    __filename: filename,
    [CELL_GLOBAL]: helpers,
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

/** Node's `node_modules` lookup folders from `dir` up. */
function nodeModulePaths(dir: string): string[] {
  return (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
}

/** A `require` resolving through `module.paths` (`Module.createRequire` derives its paths from a file name alone). */
function moduleRequire(module: Module): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const resolve = Object.assign(
    (request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options),
    { paths: (request: string) => internals._resolveLookupPaths(request, module) },
  );
  return Object.assign((id: string) => module.require(id) as unknown, {
    resolve,
    cache: internals._cache,
    extensions: internals._extensions,
    main: require.main,
  }) as NodeJS.Require;
}

function isEsModuleInterop(module: unknown): module is { default: unknown } {
  return typeof module === 'object' && module !== null && (module as { __esModule?: unknown }).__esModule === true;
}

/**
 * What to hand to `import()`: relative and absolute paths as file URLs from `rootDir`; packages
 * resolved from `rootDir` when CommonJS resolution finds them, else by name (ES-module-only
 * packages, found from the kernel's own folder, i.e. the checkout's node_modules).
 */
function importTarget(specifier: string, rootDir: string, cellRequire: NodeRequire): string {
  if (Module.isBuiltin(specifier)) return specifier;
  if (specifier.startsWith('.')) return pathToFileURL(resolve(rootDir, specifier)).href;
  if (isAbsolute(specifier)) return pathToFileURL(specifier).href;
  if (/^[a-z]+:/i.test(specifier)) return specifier;
  try {
    return pathToFileURL(cellRequire.resolve(specifier)).href;
  } catch {
    return specifier;
  }
}
