// Shared plumbing for setup steps: stamps (written last, atomically), running commands, failing clearly.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding setup/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const STAMP_DIR = join(ROOT, '.setup');

/** A setup failure: `what` failed, `fix` says what to try; main prints both on one line and exits 1. */
export class SetupError extends Error {
  constructor(what, fix) {
    super(`${what} — ${fix}`);
    this.name = 'SetupError';
  }
}

/** sha256 of strings and file contents, in order; missing files hash as their path. */
export function hashOf(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(String(part)).update('\0');
  return hash.digest('hex');
}

/** sha256 of a file's bytes. */
export function hashFile(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** True when the step's stamp records exactly `key` (its inputs are unchanged since it last succeeded). */
export function isDone(step, key) {
  const path = join(STAMP_DIR, `${step}.stamp`);
  return existsSync(path) && readFileSync(path, 'utf8') === key;
}

/** Records that `step` succeeded for `key`: written to a temporary file, then renamed, so a crash never leaves a false stamp. */
export function markDone(step, key) {
  mkdirSync(STAMP_DIR, { recursive: true });
  const path = join(STAMP_DIR, `${step}.stamp`);
  writeFileSync(`${path}.tmp`, key);
  renameSync(`${path}.tmp`, path);
}

/** Runs a command with inherited output; throws SetupError(`what`, `fix`) when it cannot start or exits non-zero. */
export function run(command, args, { what, fix, cwd = ROOT, env = process.env, quiet = false } = {}) {
  const result = spawnSync(command, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (result.error) {
    throw new SetupError(`${what}: could not start ${command} (${result.error.code ?? result.error.message})`, fix);
  }
  if (result.status !== 0) {
    const tail = quiet
      ? `\n${String(result.stderr ?? '')
          .trim()
          .split('\n')
          .slice(-15)
          .join('\n')}`
      : '';
    throw new SetupError(`${what}: ${command} exited with ${result.status ?? result.signal}${tail}`, fix);
  }
  return quiet ? String(result.stdout) : '';
}

/** Prints one progress line (setup's output is meant to be read while long steps run). */
export function say(message) {
  console.log(`[setup] ${message}`);
}
