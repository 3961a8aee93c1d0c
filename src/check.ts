/** Argument checks shared by the arithmetic and the ops: each error states the rule, the value and what to pass. */

/** Formats a value for an error message (NaN, arrays and strings stay recognisable). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/** Returns `value` if it is an integer ≥ `min`; otherwise throws naming `name`, the rule and the value. */
export function checkInt(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const rule = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new Error(`${name} must be ${rule}, got ${describe(value)}`);
  }
  return value;
}

/** A `[height, width]` pair of sizes. */
export type Pair = [number, number];

/** Expands a number or a `[h, w]` pair into a checked pair of integers ≥ `min`. */
export function checkPair(name: string, value: unknown, min: number): Pair {
  if (Array.isArray(value)) {
    if (value.length !== 2) throw new Error(`${name} must be a number or a [height, width] pair, got ${describe(value)}`);
    return [checkInt(`${name}[0]`, value[0], min), checkInt(`${name}[1]`, value[1], min)];
  }
  const v = checkInt(name, value, min);
  return [v, v];
}

/** Checks a tensor argument's rank at run time (cells pass `Tensor<Rank>`), naming the layout expected. */
export function checkRank(where: string, name: string, shape: readonly number[], rank: number, layout: string): void {
  if (shape.length !== rank) throw new Error(`${where}: ${name} must be rank ${rank} ${layout}, got shape ${describe([...shape])}`);
}
