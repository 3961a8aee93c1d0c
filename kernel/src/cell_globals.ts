/**
 * The CommonJS names cells use (`require`, `module`, `exports`, `__dirname`, `__filename`),
 * resolving from the kernel's working directory and then from the kernel's checkout, and the
 * module helpers compiled cells call (see module_syntax.ts). The packages whose types the kernel
 * ships (deconvlab, tf's; typings_pack_file.ts) always load from the checkout, as the instances
 * the preload made, even where the notebook's folder has its own copies: the types describe those,
 * and a second tfjs-node would be a second TensorFlow runtime. Cells run as scripts in this
 * context, so these are globals.
 */
import Module from 'module';
import { isAbsolute, join, resolve } from 'path';
import { pathToFileURL } from 'url';
import { CELL_GLOBAL } from './module_syntax';
import { isPackedPackage } from './typings_pack_file';

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

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for paths. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return undefined;
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

/**
 * A `require` resolving through `module.paths` (`Module.createRequire` derives its paths from a file name alone),
 * except that packed packages resolve from the kernel's own folder.
 */
function moduleRequire(module: Module): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const fromKernel = (request: string): boolean => isPackedPackage(packageOf(request) ?? '');
  const resolve = Object.assign(
    (request: string, options?: { paths?: string[] }) =>
      internals._resolveFilename(request, module, false, options ?? (fromKernel(request) ? { paths: [__dirname] } : undefined)),
    { paths: (request: string) => (fromKernel(request) ? nodeModulePaths(__dirname) : internals._resolveLookupPaths(request, module)) },
  );
  return Object.assign((id: string) => module.require(fromKernel(id) ? resolve(id) : id) as unknown, {
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
