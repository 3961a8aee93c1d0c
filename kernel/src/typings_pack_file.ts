/**
 * The kernel's typings pack on disk (`kernel/dist/typings/pack.d.ts`, see typings_pack.ts): rebuilt
 * when a packed declaration file (or the packer) changed since it was written (e.g. deconvlab was rebuilt), else
 * reused after a stat of each packed file. Written atomically, so kernels starting together never
 * read half a pack.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import type * as TS from 'typescript';
import { packTypings } from './typings_pack';

/** The packages whose typings cells see through the pack (their own imports of packed packages follow). */
export const PACK_ENTRIES = ['deconvlab', '@tensorflow/tfjs-node'];

/** Packages packed when a packed file imports them: deconvlab's and tf's own (cells load them from the kernel's checkout). */
export function isPackedPackage(packageName: string): boolean {
  return packageName === 'deconvlab' || packageName === 'deconvlab-contract' || packageName.startsWith('@tensorflow/');
}

interface Manifest {
  typescript: string;
  packages: string[];
  files: [path: string, mtimeMs: number, size: number][];
}

/** A packed file's identity for the manifest. */
function fileStamp(path: string): [string, number, number] {
  const stat = statSync(path, { throwIfNoEntry: false });
  return [path, stat?.mtimeMs ?? -1, stat?.size ?? -1];
}

function isCurrent(manifest: Manifest, ts: typeof TS): boolean {
  return (
    manifest.typescript === ts.version &&
    manifest.files.every(([path, mtimeMs, size]) => {
      const [, now, nowSize] = fileStamp(path);
      return now === mtimeMs && nowSize === size;
    })
  );
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The kernel's pack (its entries resolved from the kernel's own folder, as cells' module resolution finds them). */
export function kernelTypingsPack(ts: typeof TS): { file: string; packages: string[] } {
  return typingsPackFile(ts, __dirname, { moduleResolution: ts.ModuleResolutionKind.Node10 });
}

/** The pack's path and the packages in it, packing again when a packed file changed; `fromDir` is where the entries resolve. */
export function typingsPackFile(ts: typeof TS, fromDir: string, options: TS.CompilerOptions): { file: string; packages: string[] } {
  const dir = join(__dirname, 'typings');
  const [file, manifestFile] = [join(dir, 'pack.d.ts'), join(dir, 'pack.json')];
  if (existsSync(file) && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (isCurrent(manifest, ts)) return { file, packages: manifest.packages };
  }
  const pack = packTypings(ts, PACK_ENTRIES, { fromDir, packs: isPackedPackage, compilerOptions: options });
  // The packer (this module, which chooses what is packed, and typings_pack) is an input too: a pack written by an
  // older packer is stale.
  const inputs = [__filename, require.resolve('./typings_pack'), ...pack.files];
  const manifest: Manifest = { typescript: ts.version, packages: pack.packages, files: inputs.map(fileStamp) };
  mkdirSync(dir, { recursive: true });
  writeAtomically(file, pack.text);
  writeAtomically(manifestFile, JSON.stringify(manifest));
  return { file, packages: pack.packages };
}
