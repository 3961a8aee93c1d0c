import * as deconv from 'deconvlab';
import type { SeededRandom } from '../util/seeded_random';

type Pair = [number, number];

/** A random small transposed convolution in the references' terms (NHWC input, `[kh, kw, outC/groups, inC]` filter). */
export interface TransposeCase {
  name: string;
  x: deconv.reference.PlainTensor;
  filter: deconv.reference.PlainTensor;
  stride: Pair;
  padding: [Pair, Pair];
  dilation: Pair;
  outputPadding: Pair;
  groups: number;
  outSize: Pair;
}

/** Limits of {@link randomTransposeCase}. */
export interface CaseLimits {
  maxKernel: number;
  maxStride: number;
  maxDilation: number;
  maxGroups: number;
  /** Allow forward padding beyond d(k − 1) (the output then crops real stamps). */
  overPad: boolean;
}

const DEFAULTS: CaseLimits = { maxKernel: 5, maxStride: 3, maxDilation: 2, maxGroups: 3, overPad: true };

/** Draws one case with a non-empty output: kernels 1–5, strides 1–3, dilation 1–2, asymmetric padding, output padding, groups, batch. */
export function randomTransposeCase(rng: SeededRandom, limits: Partial<CaseLimits> = {}): TransposeCase {
  const lim = { ...DEFAULTS, ...limits };
  for (;;) {
    const kernel: Pair = [rng.int(1, lim.maxKernel), rng.int(1, lim.maxKernel)];
    const stride: Pair = [rng.int(1, lim.maxStride), rng.int(1, lim.maxStride)];
    const dilation: Pair = [rng.int(1, lim.maxDilation), rng.int(1, lim.maxDilation)];
    const inSize: Pair = [rng.int(1, 5), rng.int(1, 5)];
    const groups = rng.int(1, lim.maxGroups);
    const inPerGroup = rng.int(1, 2);
    const outPerGroup = rng.int(1, 2);
    const batch = rng.int(1, 2);
    const eff = [0, 1].map((d) => dilation[d] * (kernel[d] - 1) + 1);
    const maxPad = (d: number): number => eff[d] - 1 + (lim.overPad ? 1 : 0);
    const padding: [Pair, Pair] = [
      [rng.int(0, maxPad(0)), rng.int(0, maxPad(0))],
      [rng.int(0, maxPad(1)), rng.int(0, maxPad(1))],
    ];
    const outputPadding: Pair = [rng.int(0, Math.max(stride[0], dilation[0]) - 1), rng.int(0, Math.max(stride[1], dilation[1]) - 1)];
    const outSize = [0, 1].map((d) => stride[d] * (inSize[d] - 1) + eff[d] - padding[d][0] - padding[d][1] + outputPadding[d]) as Pair;
    if (outSize[0] < 1 || outSize[1] < 1) continue;
    const inC = inPerGroup * groups;
    const xShape = [batch, inSize[0], inSize[1], inC];
    const fShape = [kernel[0], kernel[1], outPerGroup, inC];
    const x = deconv.reference.plainTensor(xShape, rng.values(xShape.reduce((a, b) => a * b, 1)));
    const filter = deconv.reference.plainTensor(fShape, rng.values(fShape.reduce((a, b) => a * b, 1)));
    const name =
      `input=${xShape.join('x')},f=${fShape.join('x')},s=${stride.join('x')},` +
      `p=${JSON.stringify(padding)},d=${dilation.join('x')},a=${outputPadding.join('x')},g=${groups}`;
    return { name, x, filter, stride, padding, dilation, outputPadding, groups, outSize };
  }
}

/** The case's options for the reference implementations. */
export function referenceOptions(c: TransposeCase): deconv.reference.TransposeOptions {
  return { stride: c.stride, padding: c.padding, dilation: c.dilation, outputPadding: c.outputPadding, groups: c.groups };
}

/** Largest absolute element-wise difference (Infinity when lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return Number.isNaN(worst) ? Infinity : worst;
}
