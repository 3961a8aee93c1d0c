/** One line of `bench/results/latest.json`: ours against a reference measured in the same run. */
export interface BenchRow {
  /** What was measured, e.g. `conv2dTranspose fwd 8x8x512->16x16x256 b64`. */
  name: string;
  /** Unit of `ours` and `reference_value`, e.g. `ms` or `GFLOP/s`. */
  unit: string;
  /** Our figure. */
  ours: number;
  /** What we compare against, e.g. `tfjs-node tf.conv2dTranspose`. */
  reference: string;
  /** The reference's figure in the same unit. */
  reference_value: number;
  /** > 1 means ours is better (for times: reference / ours; for rates: ours / reference). */
  ratio: number;
}

/** A benchmark module: `bench/<name>.bench.ts` exports `run`, called by `bench/run.mjs`. */
export type BenchRun = () => Promise<BenchRow[]>;
