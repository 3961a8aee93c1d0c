/**
 * A sequential tf.LayersModel run as an explicit chain of forward and backward functions over the model's own
 * variables. One forward pass can then be differentiated several times with different upstream gradients (the
 * DCGAN step needs D(G(z)) differentiated for D's loss and for G's), which tfjs's tape (one backward per forward)
 * cannot do, and each backward uses the single fused TensorFlow kernel where one exists.
 */
import * as tf from '@tensorflow/tfjs-node';
import { activationGrad, batchNormGrad, batchNormTraining, conv2dFilterGrad, leakyReluGrad } from './native_ops';

/** What a backward pass should produce. */
export interface Wants {
  /** The gradient with respect to the chain's input. */
  input: boolean;
  /** The gradients with respect to the trainable variables. */
  params: boolean;
}

/** Gradients from one backward pass: `grads` is aligned with {@link LayerChain.params} (empty when not wanted). */
export interface ChainGrads {
  dx?: tf.Tensor;
  grads: tf.Tensor[];
}

/** One recorded forward pass: its output and a backward function that can be called any number of times. */
export interface ChainForward {
  y: tf.Tensor;
  backward(dy: tf.Tensor, wants: Wants): ChainGrads;
}

type Backward = (dy: tf.Tensor, wants: Wants) => { dx?: tf.Tensor; grads: tf.Tensor[] };

interface Link {
  params: tf.Variable[];
  forward(x: tf.Tensor): { y: tf.Tensor; backward: Backward };
}

type Layer = tf.layers.Layer;
type Config = Record<string, unknown>;

const SUPPORTED = 'Dense, Reshape, Flatten, Conv2D, Conv2DTranspose, BatchNormalization, ReLU, LeakyReLU, Activation';

function variable(layer: Layer, suffix: string): tf.Variable {
  const found = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  if (!found) throw new Error(`layer '${layer.name}' has no '${suffix}' weight`);
  return found.read() as tf.Variable;
}

function requireConfig(layer: Layer, config: Config, key: string, allowed: unknown[]): void {
  const value = config[key];
  const ok = allowed.some((a) => JSON.stringify(a) === JSON.stringify(value));
  if (!ok) {
    throw new Error(
      `layer '${layer.name}' (${layer.getClassName()}) has ${key}=${JSON.stringify(value)}; DCGAN training supports only ${allowed.map((a) => JSON.stringify(a)).join(' or ')}`,
    );
  }
}

function denseLink(layer: Layer, config: Config): Link {
  requireConfig(layer, config, 'activation', ['linear']);
  const kernel = variable(layer, 'kernel');
  const bias = config.useBias ? variable(layer, 'bias') : undefined;
  return {
    params: bias ? [kernel, bias] : [kernel],
    forward(x) {
      const product = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
      const y = bias ? tf.add(product, bias) : product;
      return {
        y,
        backward: (dy, wants) => ({
          dx: wants.input ? tf.matMul(dy as tf.Tensor2D, kernel as tf.Tensor2D, false, true) : undefined,
          grads: !wants.params
            ? []
            : bias
              ? [tf.matMul(x as tf.Tensor2D, dy as tf.Tensor2D, true, false), tf.sum(dy, 0)]
              : [tf.matMul(x as tf.Tensor2D, dy as tf.Tensor2D, true, false)],
        }),
      };
    },
  };
}

function reshapeLink(layer: Layer): Link {
  return {
    params: [],
    forward(x) {
      const shape = layer.computeOutputShape(x.shape) as number[];
      return {
        y: tf.reshape(x, [x.shape[0], ...shape.slice(1)]),
        backward: (dy, wants) => ({ dx: wants.input ? tf.reshape(dy, x.shape) : undefined, grads: [] }),
      };
    },
  };
}

function convLink(layer: Layer, config: Config, transposed: boolean): Link {
  requireConfig(layer, config, 'activation', ['linear']);
  requireConfig(layer, config, 'dataFormat', ['channelsLast']);
  requireConfig(layer, config, 'dilationRate', [[1, 1], 1, undefined]);
  const kernel = variable(layer, 'kernel') as tf.Variable<tf.Rank.R4>;
  const bias = config.useBias ? variable(layer, 'bias') : undefined;
  const strides = config.strides as [number, number];
  const pad = config.padding as 'same' | 'valid';
  return {
    params: bias ? [kernel, bias] : [kernel],
    forward(x) {
      const x4 = x as tf.Tensor4D;
      const outShape = [x.shape[0], ...(layer.computeOutputShape(x.shape) as number[]).slice(1)] as [number, number, number, number];
      const product = transposed ? tf.conv2dTranspose(x4, kernel, outShape, strides, pad) : tf.conv2d(x4, kernel, strides, pad);
      const y = bias ? tf.add(product, bias) : product;
      return {
        y,
        backward: (dy, wants) => {
          const dy4 = dy as tf.Tensor4D;
          const dx = !wants.input
            ? undefined
            : transposed
              ? tf.conv2d(dy4, kernel, strides, pad)
              : tf.conv2dTranspose(dy4, kernel, x4.shape, strides, pad);
          if (!wants.params) return { dx, grads: [] };
          // A transposed convolution is the input-gradient of a convolution, so the roles of x and dy swap.
          const dKernel = transposed
            ? conv2dFilterGrad(dy4, x4, kernel.shape, strides, pad)
            : conv2dFilterGrad(x4, dy4, kernel.shape, strides, pad);
          return { dx, grads: bias ? [dKernel, tf.sum(dy, [0, 1, 2])] : [dKernel] };
        },
      };
    },
  };
}

function batchNormLink(layer: Layer, config: Config): Link {
  requireConfig(layer, config, 'axis', [-1, 3]);
  const affine = config.center === true && config.scale === true;
  if (!affine) requireConfig(layer, config, 'center', [false]);
  if (!affine) requireConfig(layer, config, 'scale', [false]);
  const gamma = affine ? (variable(layer, 'gamma') as tf.Variable<tf.Rank.R1>) : undefined;
  const beta = affine ? (variable(layer, 'beta') as tf.Variable<tf.Rank.R1>) : undefined;
  const movingMean = variable(layer, 'moving_mean') as tf.Variable<tf.Rank.R1>;
  const movingVariance = variable(layer, 'moving_variance') as tf.Variable<tf.Rank.R1>;
  const epsilon = config.epsilon as number;
  const factor = 1 - (config.momentum as number);
  return {
    params: gamma && beta ? [gamma, beta] : [],
    forward(x) {
      if (x.rank !== 4) throw new Error(`layer '${layer.name}': DCGAN training supports batch norm on 4-D (NHWC) maps, got rank ${x.rank}`);
      // Without scale and offset the fused kernel still takes them: a constant 1 and 0 (no gradients asked for).
      const scale = gamma ?? tf.onesLike(movingMean);
      const offset = beta ?? tf.zerosLike(movingMean);
      const out = batchNormTraining(x as tf.Tensor4D, scale, offset, movingMean, movingVariance, epsilon, factor);
      movingMean.assign(out.runningMean);
      movingVariance.assign(out.runningVariance);
      return {
        y: out.y,
        backward: (dy, wants) => {
          const g = batchNormGrad(dy as tf.Tensor4D, x as tf.Tensor4D, scale, out.reserve, epsilon);
          return { dx: wants.input ? g.dx : undefined, grads: wants.params && affine ? [g.dGamma, g.dBeta] : [] };
        },
      };
    },
  };
}

function activationLink(kind: string, alpha = 0): Link {
  return {
    params: [],
    forward(x) {
      const y =
        kind === 'leaky'
          ? tf.leakyRelu(x, alpha)
          : kind === 'relu'
            ? tf.relu(x)
            : kind === 'tanh'
              ? tf.tanh(x)
              : kind === 'sigmoid'
                ? tf.sigmoid(x)
                : x;
      return {
        y,
        backward: (dy, wants) => {
          if (!wants.input) return { grads: [] };
          if (kind === 'linear') return { dx: dy, grads: [] };
          const dx = kind === 'leaky' ? leakyReluGrad(dy, x, alpha) : activationGrad(kind as 'relu' | 'tanh' | 'sigmoid', dy, y);
          return { dx, grads: [] };
        },
      };
    },
  };
}

function link(layer: Layer): Link | undefined {
  const config = layer.getConfig() as Config;
  switch (layer.getClassName()) {
    case 'InputLayer':
      return undefined;
    case 'Dense':
      return denseLink(layer, config);
    case 'Reshape':
    case 'Flatten':
      return reshapeLink(layer);
    case 'Conv2D':
      return convLink(layer, config, false);
    case 'Conv2DTranspose':
      return convLink(layer, config, true);
    case 'BatchNormalization':
      return batchNormLink(layer, config);
    case 'ReLU':
      requireConfig(layer, config, 'maxValue', [null, undefined]);
      return activationLink('relu');
    case 'LeakyReLU':
      return activationLink('leaky', config.alpha as number);
    case 'Activation':
      requireConfig(layer, config, 'activation', ['relu', 'tanh', 'sigmoid', 'linear']);
      return activationLink(config.activation as string);
    default:
      throw new Error(`layer '${layer.name}' is a ${layer.getClassName()}; DCGAN training supports ${SUPPORTED}`);
  }
}

/** A sequential model as a differentiable chain; `params` are its trainable variables in model order. */
export class LayerChain {
  readonly params: tf.Variable[];
  private readonly links: Link[];

  constructor(readonly model: tf.LayersModel) {
    if (!(model instanceof tf.Sequential)) {
      throw new Error(
        `DCGAN training needs a tf.Sequential model (as built by deconv.dcgan.generator/discriminator), got a ${model.getClassName()}`,
      );
    }
    this.links = model.layers.map(link).filter((l): l is Link => l !== undefined);
    this.params = this.links.flatMap((l) => l.params);
  }

  /** Runs the chain in training mode (batch statistics, running averages updated); call inside tf.tidy. */
  forward(x: tf.Tensor): ChainForward {
    const backwards: Backward[] = [];
    let y = x;
    for (const l of this.links) {
      const out = l.forward(y);
      backwards.push(out.backward);
      y = out.y;
    }
    return {
      y,
      backward: (dy, wants) => {
        const grads: tf.Tensor[][] = [];
        let d: tf.Tensor | undefined = dy;
        for (let i = backwards.length - 1; i >= 0; i--) {
          if (d === undefined) throw new Error('internal: missing upstream gradient');
          const out = backwards[i](d, { input: i > 0 || wants.input, params: wants.params });
          grads.unshift(out.grads);
          d = out.dx;
        }
        return { dx: d, grads: grads.flat() };
      },
    };
  }
}
