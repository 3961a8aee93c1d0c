import type { Tensor } from '@tensorflow/tfjs-node';

/** How much of the values `summary` previews. */
export interface SummaryOptions {
  /** Values shown at each end of every dimension before eliding with '…' (default 3). */
  edgeItems?: number;
  /** Maximum number of preview lines (default 8). */
  maxLines?: number;
}

/**
 * A short text description of a tensor — dtype, shape, min/max/mean (NaN counted apart) and a
 * truncated values preview — used as the kernel's text fallback. Reads the values once with
 * `dataSync` and creates no tensors.
 */
export function summary(tensor: Tensor, options: SummaryOptions = {}): string {
  const head = `Tensor ${tensor.dtype} [${tensor.shape.join(', ')}]`;
  if (tensor.isDisposed) return `${head} (disposed)`;
  if (tensor.size === 0) return `${head} (empty)`;
  const data = tensor.dataSync() as ArrayLike<number> | string[];
  const numeric = tensor.dtype !== 'string' && tensor.dtype !== 'complex64';
  const stats = numeric && tensor.size > 1 ? ` ${statistics(Array.from(data as ArrayLike<number>), tensor.dtype)}` : '';
  const preview = formatNested(formatValues(data, tensor.dtype), tensor.shape, options.edgeItems ?? 3);
  return `${head}${stats}\n${limitLines(preview, options.maxLines ?? 8)}`;
}

function formatValues(data: ArrayLike<number> | string[], dtype: string): string[] {
  if (dtype === 'string') return (data as string[]).map((v) => JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v));
  const numbers = Array.from(data as ArrayLike<number>);
  if (dtype === 'bool') return numbers.map((v) => (v ? 'true' : 'false'));
  if (dtype !== 'complex64') return numbers.map(formatNumber);
  // complex64 data interleaves real and imaginary parts.
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i += 2) {
    const im = numbers[i + 1];
    out.push(`${formatNumber(numbers[i])}${im < 0 ? '-' : '+'}${formatNumber(Math.abs(im))}j`);
  }
  return out;
}

function statistics(values: number[], dtype: string): string {
  if (dtype === 'bool') return `true ${values.filter((v) => v).length} of ${values.length}`;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let nan = 0;
  for (const v of values) {
    if (Number.isNaN(v)) {
      nan++;
      continue;
    }
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const finite = values.length - nan;
  const parts = finite > 0 ? [`min ${formatNumber(min)}`, `max ${formatNumber(max)}`, `mean ${formatNumber(sum / finite)}`] : [];
  if (nan > 0) parts.push(`NaN ${nan} of ${values.length}`);
  return parts.join(' ');
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** Nests the flat values by `shape`, keeping `edge` items at each end of every dimension. */
function formatNested(values: string[], shape: number[], edge: number): string {
  if (shape.length === 0) return values[0];
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const build = (dim: number, offset: number, indent: string): string => {
    const n = shape[dim];
    const picked = n > 2 * edge ? [...range(0, edge), -1, ...range(n - edge, n)] : range(0, n);
    if (dim === shape.length - 1) {
      return `[${picked.map((i) => (i < 0 ? '…' : values[offset + i])).join(', ')}]`;
    }
    const separator = `,\n${indent} `;
    return `[${picked.map((i) => (i < 0 ? '…' : build(dim + 1, offset + i * strides[dim], `${indent} `))).join(separator)}]`;
  };
  return build(0, 0, '');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function limitLines(text: string, maxLines: number): string {
  const lines = text.split('\n');
  return lines.length <= maxLines ? text : [...lines.slice(0, maxLines - 1), ' …'].join('\n');
}
