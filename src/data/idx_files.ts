import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseIdx } from './idx';

/** Where a dataset's four idx files come from, with their pinned SHA-256 and how to install them. */
export interface IdxSource {
  /** The dataset's name in messages, e.g. 'mnist'. */
  name: string;
  /** The folder holding the files (resolved when first needed). */
  directory: () => string;
  /** File name of each split's images and labels. */
  files: Record<'train' | 'test', { images: string; labels: string }>;
  /** SHA-256 (hex) of each file as stored. */
  sha256: Record<string, string>;
  /** The files are gzip-compressed. */
  gzip: boolean;
  /** What provides the files and the command that installs them, for the errors. */
  install: string;
}

/** One split as bytes: `count` images of side×side pixels (0–255) and their labels. */
export interface IdxSplit {
  count: number;
  side: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

const cache = new Map<string, IdxSplit>();

/** Reads `file` from `directory`, checks its SHA-256, gunzips it when the source is compressed. */
function readVerified(source: IdxSource, directory: string, file: string): Uint8Array {
  const path = join(directory, file);
  if (!existsSync(path)) throw new Error(`${source.name}: ${path} is missing; ${source.install}`);
  const bytes = readFileSync(path);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== source.sha256[file]) {
    throw new Error(
      `${source.name}: ${path} has SHA-256 ${digest}, expected ${source.sha256[file]} (a damaged or different file); ${source.install}`,
    );
  }
  return source.gzip ? gunzipSync(bytes) : bytes;
}

/** The split's images and labels, verified and parsed once per process (`directory` overrides the source's folder). */
export function readIdxSplit(source: IdxSource, split: 'train' | 'test', directory = source.directory()): IdxSplit {
  const key = `${source.name}:${split}:${directory}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const names = source.files[split];
  const images = parseIdx(readVerified(source, directory, names.images), names.images);
  const labels = parseIdx(readVerified(source, directory, names.labels), names.labels);
  const [count, side, width] = images.shape;
  if (images.shape.length !== 3 || side !== width || labels.shape.length !== 1 || labels.shape[0] !== count) {
    throw new Error(
      `${source.name}: ${names.images} has shape [${images.shape.join(', ')}] and ${names.labels} [${labels.shape.join(', ')}]; expected [N, s, s] images and N labels`,
    );
  }
  const parsed = { count, side, pixels: images.values, labels: labels.values };
  cache.set(key, parsed);
  return parsed;
}
