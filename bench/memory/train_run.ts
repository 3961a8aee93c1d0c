/** What bench/memory.bench.ts passes to each training process (one JSON argument) and what the process prints back. */

/** The run to do: `count` digits as raw float32 [count, size, size, channels] in [−1, 1] from `file`, one epoch. */
export interface TrainRunConfig {
  file: string;
  count: number;
  batch: number;
  /** deconv.dcgan options of both networks. */
  arch: { imageSize: number; channels: number; zDim: number; width: number; kernelSize: number };
  /** deconv.dcgan.architecture(arch): the layer plan the PyTorch script builds from. */
  plan: object;
}

/** The figures a training process prints as its last stdout line (JSON). */
export interface TrainRunFigures {
  /** Peak resident set size of the whole process (VmHWM), MB. */
  peak_mb: number;
  /** Time of the training loop alone, s. */
  train_s: number;
  steps: number;
}
