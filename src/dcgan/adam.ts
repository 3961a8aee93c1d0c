import * as tf from '@tensorflow/tfjs-node';

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
 * Adam (Kingma & Ba 2014) over a fixed list of variables, with the bias corrections folded into two scalars per
 * step: θ ← θ − α·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε·√(1−β₂ᵗ)), which equals tfjs's and PyTorch's
 * θ − α·m̂/(√v̂ + ε) in 12 kernels per variable instead of ~16.
 */
export class Adam {
  /** Number of updates applied so far. */
  step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(readonly params: tf.Variable[], readonly config: AdamConfig) {
    this.m = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    this.v = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  }

  /** Applies one update from `grads` (aligned with `params`); call inside tf.tidy. */
  apply(grads: tf.Tensor[]): void {
    const { learningRate, beta1, beta2, epsilon } = this.config;
    this.step += 1;
    const correction2 = Math.sqrt(1 - beta2 ** this.step);
    const b1 = tf.scalar(beta1);
    const c1 = tf.scalar(1 - beta1);
    const b2 = tf.scalar(beta2);
    const c2 = tf.scalar(1 - beta2);
    const rate = tf.scalar(learningRate * correction2 / (1 - beta1 ** this.step));
    const eps = tf.scalar(epsilon * correction2);
    this.params.forEach((p, i) => {
      const g = grads[i];
      const m = tf.add(tf.mul(this.m[i], b1), tf.mul(g, c1));
      const v = tf.add(tf.mul(this.v[i], b2), tf.mul(tf.square(g), c2));
      this.m[i].assign(m);
      this.v[i].assign(v);
      p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), rate)));
    });
  }

  /** The current state (the tensors stay owned by the optimizer). */
  state(): AdamState {
    return { step: this.step, m: [...this.m], v: [...this.v] };
  }

  /** Restores a state saved by {@link state}; shapes must match the variables. */
  load(state: AdamState): void {
    const check = (kind: string, list: tf.Tensor[]): void => {
      if (list.length !== this.params.length) {
        throw new Error(`optimizer state has ${list.length} ${kind} tensors but the model has ${this.params.length} trainable variables`);
      }
      list.forEach((t, i) => {
        if (!tf.util.arraysEqual(t.shape, this.params[i].shape)) {
          throw new Error(`optimizer ${kind}[${i}] has shape [${t.shape}] but variable '${this.params[i].name}' has [${this.params[i].shape}]`);
        }
      });
    };
    check('m', state.m);
    check('v', state.v);
    state.m.forEach((t, i) => this.m[i].assign(t));
    state.v.forEach((t, i) => this.v[i].assign(t));
    this.step = state.step;
  }

  /** Frees the moment estimates. */
  dispose(): void {
    [...this.m, ...this.v].forEach((t) => t.dispose());
  }
}
