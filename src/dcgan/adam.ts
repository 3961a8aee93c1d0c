import * as tf from '@tensorflow/tfjs-node';
import { resourceApplyAdam } from './native_ops';
import { ResourceVariable } from './resource_variable';

/** Adam's hyper-parameters. */
export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Adam's state for a checkpoint: the step count and the moment estimates, aligned with the variables. */
export interface AdamState {
  step: number;
  m: tf.Tensor[];
  v: tf.Tensor[];
}

/**
 * Adam (Kingma & Ba 2014) over a fixed list of variables, as PyTorch and tfjs define it (θ ← θ − α·m̂/(√v̂ + ε)),
 * with the bias corrections folded into two scalars per step: θ ← θ − α·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε·√(1−β₂ᵗ)).
 * The moments live in TensorFlow resource variables and each update is TensorFlow's fused ApplyAdam kernel: one pass
 * over θ, m, v and the gradient per variable (Keras's update), instead of a dozen elementwise tfjs kernels that each
 * read and write whole parameter-sized tensors.
 */
export class Adam {
  /** Number of updates applied so far. */
  step = 0;
  private readonly m: ResourceVariable[];
  private readonly v: ResourceVariable[];
  /** Resource copies of the parameters, re-pointed at each parameter's current value before every update. */
  private readonly theta: ResourceVariable[];

  constructor(
    readonly params: tf.Variable[],
    readonly config: AdamConfig,
  ) {
    const zeros = (p: tf.Variable): ResourceVariable => {
      const zero = tf.zerosLike(p);
      const variable = new ResourceVariable(zero);
      zero.dispose(); // the variable keeps the buffer
      return variable;
    };
    this.m = params.map(zeros);
    this.v = params.map(zeros);
    this.theta = params.map((p) => new ResourceVariable(p));
  }

  /** Applies one update from `grads` (aligned with `params`); call inside tf.tidy. */
  apply(grads: tf.Tensor[]): void {
    const { learningRate, beta1, beta2, epsilon } = this.config;
    this.step += 1;
    const correction2 = Math.sqrt(1 - beta2 ** this.step);
    const scalars = {
      rate: tf.scalar((learningRate * correction2) / (1 - beta1 ** this.step)),
      epsilon: tf.scalar(epsilon * correction2),
      beta1: tf.scalar(beta1),
      beta2: tf.scalar(beta2),
      zero: tf.scalar(0),
    };
    this.params.forEach((p, i) => {
      // The parameter may have been replaced since the last update (setWeights, a checkpoint): start from its value.
      this.theta[i].assign(p);
      resourceApplyAdam(this.theta[i].handle, this.m[i].handle, this.v[i].handle, grads[i], scalars);
      p.assign(this.theta[i].read());
    });
  }

  /** The current state; the moment tensors are new copies that the caller disposes. */
  state(): AdamState {
    return { step: this.step, m: this.m.map((r) => r.read()), v: this.v.map((r) => r.read()) };
  }

  /** Restores a state saved by {@link state}; shapes must match the variables. */
  load(state: AdamState): void {
    const check = (kind: string, list: tf.Tensor[]): void => {
      if (list.length !== this.params.length) {
        throw new Error(`optimizer state has ${list.length} ${kind} tensors but the model has ${this.params.length} trainable variables`);
      }
      list.forEach((t, i) => {
        if (!tf.util.arraysEqual(t.shape, this.params[i].shape)) {
          throw new Error(
            `optimizer ${kind}[${i}] has shape [${t.shape}] but variable '${this.params[i].name}' has [${this.params[i].shape}]`,
          );
        }
      });
    };
    check('m', state.m);
    check('v', state.v);
    state.m.forEach((t, i) => this.m[i].assign(t));
    state.v.forEach((t, i) => this.v[i].assign(t));
    this.step = state.step;
  }

  /** Frees the moment estimates and the resource copies of the parameters. */
  dispose(): void {
    [...this.m, ...this.v, ...this.theta].forEach((r) => r.dispose());
  }
}
