/** Timing helpers shared by the benchmarks: contenders take turns round by round, so drift of a busy machine hits all alike. */

/** Times `reps` consecutive runs of one contender, in ms. */
export type Timer = (reps: number) => Promise<number[]>;

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A timer for a function of this process that does its work synchronously (tfjs-node) before returning. */
export function localTimer(fn: () => void): Timer {
  return async (reps) => {
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const started = process.hrtime.bigint();
      fn();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return times;
  };
}

/**
 * Runs every contender `reps` times per round for `rounds` rounds, reversing the order on odd rounds (so no one
 * always runs right after the same neighbour), and returns each contender's samples in ms.
 */
export async function interleaved<K extends string>(timers: Record<K, Timer>, rounds: number, reps: number): Promise<Record<K, number[]>> {
  const names = Object.keys(timers) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) samples[name].push(...(await timers[name](reps)));
  }
  return samples;
}
