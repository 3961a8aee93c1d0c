import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A tensor in a golden fixture: shape and row-major values. */
export interface GoldenTensor {
  shape: number[];
  data: number[];
}

/**
 * Reads `test/golden/<file>` (written by `test/golden/make_conv_transpose_golden.py`, TensorFlow 2.21 in
 * Python; its docstring has the recipe) and returns its cases.
 */
export function loadGolden<T>(file: string): T[] {
  // Compiled tests live in test/dist/unit/ops; the fixtures stay in test/golden.
  const path = join(__dirname, '..', '..', '..', 'golden', file);
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: T[] }).cases;
}
