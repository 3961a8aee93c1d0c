/**
 * TensorFlow kernels that tfjs-node can run but tfjs does not expose: the fused training-mode batch norm and the
 * one-kernel activation gradients. tfjs differentiates batch norm as a dozen elementwise ops over the whole
 * activation; TensorFlow's FusedBatchNormV3/FusedBatchNormGradV3 do it in one pass each.
 */
import * as tf from '@tensorflow/tfjs-node';
import { createTensorsTypeOpAttr, type NodeJSKernelBackend } from '@tensorflow/tfjs-node/dist/nodejs_kernel_backend';

/** tfjs-node's backend, whose `binding` runs any TensorFlow op by name; a clear error on any other backend. */
export function nodeBackend(): NodeJSKernelBackend {
  const name = tf.getBackend();
  if (name !== 'tensorflow') {
    throw new Error(
      `DCGAN training needs the tfjs-node 'tensorflow' backend for its fused kernels, but the active backend is '${name}'; call tf.setBackend('tensorflow')`,
    );
  }
  return tf.backend() as unknown as NodeJSKernelBackend;
}

const floatAttr = (backend: NodeJSKernelBackend, name: string, value: number) => ({ name, type: backend.binding.TF_ATTR_FLOAT, value });

function batchNormAttrs(backend: NodeJSKernelBackend, epsilon: number) {
  return [
    createTensorsTypeOpAttr('T', 'float32'),
    createTensorsTypeOpAttr('U', 'float32'),
    floatAttr(backend, 'epsilon', epsilon),
    { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'is_training', type: backend.binding.TF_ATTR_BOOL, value: true },
  ];
}

/** Result of {@link batchNormTraining}: the output, the updated running statistics and what the gradient needs. */
export interface BatchNormForward {
  y: tf.Tensor4D;
  runningMean: tf.Tensor1D;
  runningVariance: tf.Tensor1D;
  /** Batch mean, biased batch variance and TF's third reserve space, for {@link batchNormGrad}. */
  reserve: tf.Tensor[];
}

/**
 * Training-mode batch norm over N, H, W of an NHWC tensor, with the running statistics moved by `averageFactor`
 * towards the batch's (running ← (1 − f)·running + f·batch, the variance Bessel-corrected as in TF and PyTorch).
 */
export function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  runningMean: tf.Tensor1D,
  runningVariance: tf.Tensor1D,
  epsilon: number,
  averageFactor: number,
): BatchNormForward {
  const backend = nodeBackend();
  const attrs = [...batchNormAttrs(backend, epsilon), floatAttr(backend, 'exponential_avg_factor', averageFactor)];
  const [y, mean, variance, ...reserve] = backend.executeMultipleOutputs(
    'FusedBatchNormV3',
    attrs,
    [x, gamma, beta, runningMean, runningVariance],
    6,
  );
  return { y: y as tf.Tensor4D, runningMean: mean as tf.Tensor1D, runningVariance: variance as tf.Tensor1D, reserve };
}

/** Gradients of {@link batchNormTraining} with respect to x, gamma and beta, given dy. */
export function batchNormGrad(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  reserve: tf.Tensor[],
  epsilon: number,
): { dx: tf.Tensor4D; dGamma: tf.Tensor1D; dBeta: tf.Tensor1D } {
  const backend = nodeBackend();
  const [dx, dGamma, dBeta] = backend.executeMultipleOutputs(
    'FusedBatchNormGradV3',
    batchNormAttrs(backend, epsilon),
    [dy, x, gamma, ...reserve],
    5,
  );
  return { dx: dx as tf.Tensor4D, dGamma: dGamma as tf.Tensor1D, dBeta: dBeta as tf.Tensor1D };
}

/** dy·f′ for ReLU (from its output), tanh and sigmoid (from their outputs) in one kernel. */
export function activationGrad(kind: 'relu' | 'tanh' | 'sigmoid', dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const backend = nodeBackend();
  const attrs = [createTensorsTypeOpAttr('T', 'float32')];
  if (kind === 'relu') return backend.executeSingleOutput('ReluGrad', attrs, [dy, y]);
  return backend.executeSingleOutput(kind === 'tanh' ? 'TanhGrad' : 'SigmoidGrad', attrs, [y, dy]);
}

/** dy·f′(x) for LeakyReLU with slope `alpha`, in one kernel. */
export function leakyReluGrad(dy: tf.Tensor, x: tf.Tensor, alpha: number): tf.Tensor {
  const backend = nodeBackend();
  return backend.executeSingleOutput(
    'LeakyReluGrad',
    [createTensorsTypeOpAttr('T', 'float32'), floatAttr(backend, 'alpha', alpha)],
    [dy, x],
  );
}

/**
 * TensorFlow's ApplyAdam kernel on resource variables, in place and in one pass: m ← m + (g − m)(1 − β₁),
 * v ← v + (g² − v)(1 − β₂), θ ← θ − rate·m / (√v + ε). β-powers are passed as 0, so `rate` and `epsilon` are used
 * as given (the caller folds the bias corrections into them).
 */
export function resourceApplyAdam(
  param: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  grad: tf.Tensor,
  scalars: { rate: tf.Scalar; beta1: tf.Scalar; beta2: tf.Scalar; epsilon: tf.Scalar; zero: tf.Scalar },
): void {
  const { rate, beta1, beta2, epsilon, zero } = scalars;
  nodeBackend().executeMultipleOutputs(
    'ResourceApplyAdam',
    [createTensorsTypeOpAttr('T', 'float32')],
    [param, m, v, zero, zero, rate, beta1, beta2, epsilon, grad],
    0,
  );
}

/** Gradient of a 2-D convolution with respect to its filter (tfjs keeps this kernel internal). */
export function conv2dFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: number[],
  strides: [number, number],
  pad: 'same' | 'valid',
): tf.Tensor4D {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
    strides,
    pad,
    dataFormat: 'NHWC',
    filterShape,
  } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
