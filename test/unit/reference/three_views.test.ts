// The three reference implementations are written independently (scatter loops, zero insertion +
// flipped-kernel convolution, an explicit matrix Cᵀ); here they must agree with each other.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as deconv from 'deconvlab';
import { seededRandom } from '../util/seeded_random';
import { maxAbsDiff, randomTransposeCase, referenceOptions } from './random_transpose_case';

const { scatter, zeroInsertion, matrix } = deconv.reference;

test('scatter, zeroInsertion and matrix agree on 400 seeded random configs (k 1-5, s 1-3, d 1-2, padding, outputPadding, groups, batch)', () => {
  const rng = seededRandom(20161118);
  for (let i = 0; i < 400; i++) {
    const c = randomTransposeCase(rng);
    const options = referenceOptions(c);
    const a = scatter(c.x, c.filter, options);
    const b = zeroInsertion(c.x, c.filter, options);
    const m = matrix(c.x, c.filter, options);
    const expectedShape = [c.x.shape[0], c.outSize[0], c.outSize[1], c.filter.shape[2] * c.groups];
    assert.deepEqual(a.shape, expectedShape, `scatter shape, ${c.name}`);
    assert.deepEqual(b.shape, expectedShape, `zeroInsertion shape, ${c.name}`);
    assert.deepEqual(m.shape, expectedShape, `matrix shape, ${c.name}`);
    assert.ok(maxAbsDiff(a.data, b.data) <= 1e-4, `scatter vs zeroInsertion differ by ${maxAbsDiff(a.data, b.data)}, ${c.name}`);
    assert.ok(maxAbsDiff(a.data, m.data) <= 1e-4, `scatter vs matrix differ by ${maxAbsDiff(a.data, m.data)}, ${c.name}`);
  }
});
