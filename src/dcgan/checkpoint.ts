/**
 * Atomic training checkpoints. Each checkpoint is a directory `ckpt-<step>` holding both models (tfjs model.json +
 * weights.bin), the Adam moments (optimizer.bin) and `state.json` (position, seed, config, history, and the size
 * and SHA-256 of every other file). It is written under a temporary name and renamed into place only when complete,
 * then `LATEST` is replaced the same way; a crash at any point leaves the previous checkpoint intact and visible.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs-node';
import type { AdamState } from './adam';

/** Identifies our checkpoints in state.json. */
export const CHECKPOINT_FORMAT = 'deconvlab-dcgan-checkpoint';
const VERSION = 1;

/** Where training stands and how it was configured; everything a resume needs besides tensors. */
export interface CheckpointState {
  /** Completed epochs. */
  epoch: number;
  /** Completed steps of the current (unfinished) epoch; 0 at an epoch boundary. */
  stepInEpoch: number;
  /** Completed steps in total (also the counter of the seeded z stream). */
  step: number;
  /** Training settings that must match on resume, and informative ones. */
  config: {
    seed: number;
    batchSize: number;
    dataCount: number;
    learningRate: number;
    beta1: number;
    zDim: number;
    /** Classes of a conditional run (0 or absent: unconditional). */
    classes?: number;
  };
  /** The training history so far (opaque here). */
  history: unknown;
}

/** Everything saved in one checkpoint. */
export interface CheckpointContents {
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  generatorOptimizer: AdamState;
  discriminatorOptimizer: AdamState;
  state: CheckpointState;
}

/** A checkpoint read back: fresh models and tensors the caller must dispose. */
export type LoadedCheckpoint = CheckpointContents & { dir: string };

interface FileRecord {
  bytes: number;
  sha256: string;
}

interface StateFile extends CheckpointState {
  format: string;
  version: number;
  optimizer: { generator: { step: number; shapes: number[][] }; discriminator: { step: number; shapes: number[][] } };
  files: Record<string, FileRecord>;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

function optimizerBytes(states: AdamState[]): Buffer {
  const tensors = states.flatMap((s) => [...s.m, ...s.v]);
  const total = tensors.reduce((n, t) => n + t.size, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const t of tensors) {
    all.set(t.dataSync() as Float32Array, offset);
    offset += t.size;
  }
  return Buffer.from(all.buffer);
}

/** The name of the checkpoint directory for `step` (zero-padded so names sort by step). */
export function checkpointName(step: number): string {
  return `ckpt-${String(step).padStart(9, '0')}`;
}

/**
 * Writes a complete checkpoint into `tmpDir` (which must not exist), syncing every file, with state.json last.
 * Nothing is visible to {@link latestCheckpoint} until {@link commitCheckpoint} renames it.
 */
export async function writeCheckpointFiles(tmpDir: string, contents: CheckpointContents): Promise<void> {
  mkdirSync(tmpDir, { recursive: true });
  await contents.generator.save(tf.io.fileSystem(join(tmpDir, 'generator')));
  await contents.discriminator.save(tf.io.fileSystem(join(tmpDir, 'discriminator')));
  writeFileSync(join(tmpDir, 'optimizer.bin'), optimizerBytes([contents.generatorOptimizer, contents.discriminatorOptimizer]));
  const files: Record<string, FileRecord> = {};
  for (const path of listFiles(tmpDir)) {
    const data = readFileSync(path);
    files[relative(tmpDir, path)] = { bytes: data.length, sha256: sha256(data) };
    fsyncPath(path);
  }
  const shapes = (s: AdamState): number[][] => s.m.map((t) => t.shape);
  const state: StateFile = {
    format: CHECKPOINT_FORMAT,
    version: VERSION,
    ...contents.state,
    optimizer: {
      generator: { step: contents.generatorOptimizer.step, shapes: shapes(contents.generatorOptimizer) },
      discriminator: { step: contents.discriminatorOptimizer.step, shapes: shapes(contents.discriminatorOptimizer) },
    },
    files,
  };
  writeFileSync(join(tmpDir, 'state.json'), JSON.stringify(state));
  fsyncPath(join(tmpDir, 'state.json'));
  fsyncPath(tmpDir);
}

/** Atomically publishes a written checkpoint as `checkpointDir/<name>`, points LATEST at it and prunes to `keep`. */
export function commitCheckpoint(checkpointDir: string, tmpDir: string, name: string, keep = 2): string {
  const finalDir = join(checkpointDir, name);
  if (existsSync(finalDir)) {
    // Same step, same deterministic state (e.g. an abort right at an epoch's end): keep the published one.
    rmSync(tmpDir, { recursive: true, force: true });
  } else {
    renameSync(tmpDir, finalDir);
  }
  const latestTmp = join(checkpointDir, `.LATEST.tmp-${process.pid}`);
  writeFileSync(latestTmp, name + '\n');
  fsyncPath(latestTmp);
  renameSync(latestTmp, join(checkpointDir, 'LATEST'));
  fsyncPath(checkpointDir);
  const complete = readdirSync(checkpointDir)
    .filter((n) => n.startsWith('ckpt-'))
    .sort();
  for (const old of complete.slice(0, Math.max(0, complete.length - keep))) {
    if (old !== name) rmSync(join(checkpointDir, old), { recursive: true, force: true });
  }
  for (const stale of readdirSync(checkpointDir).filter((n) => n.startsWith('.tmp-'))) {
    rmSync(join(checkpointDir, stale), { recursive: true, force: true });
  }
  return finalDir;
}

/** Writes and commits a checkpoint for `contents.state.step`; returns its directory. */
export async function saveCheckpoint(checkpointDir: string, contents: CheckpointContents, keep = 2): Promise<string> {
  mkdirSync(checkpointDir, { recursive: true });
  const name = checkpointName(contents.state.step);
  const tmpDir = join(checkpointDir, `.tmp-${name}-${process.pid}-${Date.now()}`);
  await writeCheckpointFiles(tmpDir, contents);
  return commitCheckpoint(checkpointDir, tmpDir, name, keep);
}

/** The directory of the last complete checkpoint in `checkpointDir`, or undefined when there is none. */
export function latestCheckpoint(checkpointDir: string): string | undefined {
  if (!existsSync(checkpointDir)) return undefined;
  const latest = join(checkpointDir, 'LATEST');
  if (existsSync(latest)) {
    const name = readFileSync(latest, 'utf8').trim();
    if (name.startsWith('ckpt-') && existsSync(join(checkpointDir, name, 'state.json'))) return join(checkpointDir, name);
  }
  // LATEST missing or stale (a crash between the two renames): the highest renamed directory is complete.
  const names = readdirSync(checkpointDir)
    .filter((n) => n.startsWith('ckpt-') && statSync(join(checkpointDir, n)).isDirectory())
    .sort();
  return names.length ? join(checkpointDir, names[names.length - 1]) : undefined;
}

function readState(dir: string): StateFile {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) throw new Error(`checkpoint ${dir} has no state.json; it is incomplete, delete it to resume from an older one`);
  let state: StateFile;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as StateFile;
  } catch (error) {
    throw new Error(
      `checkpoint ${path} is corrupt or truncated (${(error as Error).message}); delete ${dir} to resume from an older checkpoint`,
      { cause: error },
    );
  }
  if (state.format !== CHECKPOINT_FORMAT || state.version !== VERSION) {
    throw new Error(`${path} is not a ${CHECKPOINT_FORMAT} version ${VERSION} file (format '${state.format}', version ${state.version})`);
  }
  for (const [file, record] of Object.entries(state.files)) {
    const full = join(dir, file);
    if (!existsSync(full)) throw new Error(`checkpoint file ${full} is missing; delete ${dir} to resume from an older checkpoint`);
    const data = readFileSync(full);
    if (data.length !== record.bytes) {
      throw new Error(
        `checkpoint file ${full} is truncated or corrupt: ${data.length} bytes, expected ${record.bytes}; delete ${dir} to resume from an older checkpoint`,
      );
    }
    if (sha256(data) !== record.sha256) {
      throw new Error(
        `checkpoint file ${full} is corrupt: its SHA-256 does not match state.json; delete ${dir} to resume from an older checkpoint`,
      );
    }
  }
  return state;
}

function readOptimizers(dir: string, state: StateFile): [AdamState, AdamState] {
  const data = readFileSync(join(dir, 'optimizer.bin'));
  const floats = new Float32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  let offset = 0;
  const take = (shape: number[]): tf.Tensor => {
    const size = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(floats.slice(offset, offset + size), shape);
    offset += size;
    return t;
  };
  const read = (o: { step: number; shapes: number[][] }): AdamState => ({ step: o.step, m: o.shapes.map(take), v: o.shapes.map(take) });
  const result: [AdamState, AdamState] = [read(state.optimizer.generator), read(state.optimizer.discriminator)];
  if (offset !== floats.length)
    throw new Error(`checkpoint ${dir}/optimizer.bin holds ${floats.length} values, state.json describes ${offset}`);
  return result;
}

/** Reads and verifies a checkpoint directory; throws naming the file when anything is missing, truncated or corrupt. */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const state = readState(dir);
  const generator = await tf.loadLayersModel(tf.io.fileSystem(join(dir, 'generator', 'model.json')));
  const discriminator = await tf.loadLayersModel(tf.io.fileSystem(join(dir, 'discriminator', 'model.json')));
  const [generatorOptimizer, discriminatorOptimizer] = readOptimizers(dir, state);
  const { epoch, stepInEpoch, step, config, history } = state;
  return {
    dir,
    generator,
    discriminator,
    generatorOptimizer,
    discriminatorOptimizer,
    state: { epoch, stepInEpoch, step, config, history },
  };
}
