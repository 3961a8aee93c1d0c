import * as tf from '@tensorflow/tfjs-node';

/** A tfjs-layers initializer. */
type Initializer = ReturnType<typeof tf.initializers.randomNormal>;

/**
 * The paper's initialisation: every weight from N(0, 0.02); batch-norm scales from N(1, 0.02) as in PyTorch's
 * DCGAN tutorial (the paper only says "all weights"); biases and batch-norm offsets zero.
 */
export class WeightInit {
  private next = 0;

  /** `seed` makes every initialiser deterministic (each layer gets its own derived seed); undefined draws at random. */
  constructor(private readonly seed: number | undefined) {}

  /** N(0, 0.02) for convolution and dense kernels. */
  kernel(): Initializer {
    return tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.nextSeed() });
  }

  /** N(1, 0.02) for batch-norm scales (gamma). */
  gamma(): Initializer {
    return tf.initializers.randomNormal({ mean: 1, stddev: 0.02, seed: this.nextSeed() });
  }

  private nextSeed(): number | undefined {
    this.next += 1;
    return this.seed === undefined ? undefined : this.seed * 1009 + this.next;
  }
}
