import assert from 'node:assert/strict';
import type * as tf from '@tensorflow/tfjs-node';
import { type GoldenTensor, loadGolden } from '../../ops/golden';
import { expectArraysClose } from '../../util/expect_arrays_close';

/** One named case of `test/golden/dcgan_experiments_torch.json` (written by make_dcgan_experiments_golden.py, PyTorch). */
interface GoldenCase extends GoldenTensor {
  name: string;
}

const cases = new Map(loadGolden<GoldenCase>('dcgan_experiments_torch.json').map((c) => [c.name, c]));

/** Asserts `actual` has the shape and (within `tolerance`) the values of the PyTorch case `name`. */
export function expectTorchGolden(actual: tf.Tensor, name: string, tolerance = 1e-5): void {
  const expected = cases.get(name);
  assert.ok(expected, `no golden case '${name}'; rerun test/golden/make_dcgan_experiments_golden.py`);
  assert.deepEqual(actual.shape, expected.shape);
  expectArraysClose(actual.dataSync(), expected.data, tolerance);
}
