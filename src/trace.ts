/**
 * Traces for "move diagrams": the steps of a convolution or a transposed convolution as plain,
 * JSON-serialisable data (the payload the extension's conv-arithmetic player animates).
 *
 * Coordinates are always `[row, column]`, zero-based; every size is `[height, width]`.
 * Geometry follows Dumoulin & Visin (2016): `padding` is the FORWARD convolution's padding, also for
 * transposed traces (as PyTorch's `padding`), and `outputPadding` adds rows/columns at the bottom/right.
 *
 * ## Reading a trace
 * A trace holds one or two views.
 *
 * `direct` ({@link SlideView}) — a kernel window slides over `grid`:
 * - kind 'conv': `grid` is the input with its padding (`cells` 'i' and 'p'); the window moves by `stride`.
 * - kind 'transposed': the equivalent direct convolution. `grid` is the input with `stride − 1` zeros
 *   inserted between neighbours (cells 'z'), padded by `d(k − 1) − p` before and `d(k − 1) − p + a` after
 *   (cells 'p'); the window moves by 1 and uses the kernel rotated by 180° (`kernelFlipped`). Padding
 *   beyond d(k − 1) crops (as PyTorch): the grid then has no padding on that side and the first window
 *   starts `p − d(k − 1)` cells in.
 * - Input cell `(r, c)` sits at grid cell `(padding[0][0] + r·spacing[0], padding[1][0] + c·spacing[1])`.
 * - Step `[oy, ox, gy, gx]` computes output cell `(oy, ox)`; kernel cell `(ky, kx)` lies over grid cell
 *   `(gy + ky·dilation[0], gx + kx·dilation[1])` and multiplies kernel value `K[ky][kx]`, or
 *   `K[kh−1−ky][kw−1−kx]` when `kernelFlipped`. The output value is the sum over all kernel cells
 *   (padding and inserted zeros contribute 0).
 *
 * `scatter` ({@link ScatterView}, kind 'transposed' only) — each input cell stamps the kernel:
 * - Step `[iy, ix, cy, cx]` takes input cell `(iy, ix)`; kernel cell `(ky, kx)` adds `input·K[ky][kx]` to
 *   canvas cell `(cy + ky·dilation[0], cx + kx·dilation[1])`, where `(cy, cx) = (iy·stride[0], ix·stride[1])`.
 * - Canvas cell `(y, x)` is output cell `(y − outputOrigin[0], x − outputOrigin[1])`; stamps falling outside
 *   `[0, outputSize)` are cut away by the padding (they are drawn on the canvas but reach no output).
 *
 * Steps are ordered row-major (over output cells for `direct`, over input cells for `scatter`).
 * Both views of a transposed trace compute the same output. Values (`values`) are present only when
 * the config gave `input` and `kernel`. A 32×32 transposed trace is about 0.2 MB of JSON.
 */

import { transposeAxes } from './arithmetic';
import { checkPair, type Pair } from './check';
import { type Padding2D, toPadding2D } from './reference/geometry';

export type { Pair, Padding2D };

/** What to trace; each size is a number (square) or a `[height, width]` pair. */
export interface TraceConfig {
  /** 'conv' traces a convolution; 'transposed' traces the transposed convolution of that convolution. */
  kind: 'conv' | 'transposed';
  /** Input size of the traced operation (for 'transposed': i′, the forward convolution's output size). */
  inputSize: number | Pair;
  /** Kernel size k. */
  kernelSize: number | Pair;
  /** Stride s of the forward convolution. */
  stride: number | Pair;
  /** The forward convolution's padding p: a number, `[ph, pw]` (same before and after) or `[[top, bottom], [left, right]]`. */
  padding: number | Pair | Padding2D;
  /** Dilation d (default 1). */
  dilation?: number | Pair;
  /** 'transposed' only: extra output rows/columns at the bottom/right, less than max(stride, dilation) (default 0). */
  outputPadding?: number | Pair;
  /** Optional single-channel input values, `inputSize` rows of numbers. */
  input?: number[][];
  /** Optional kernel values, `kernelSize` rows of numbers (required when `input` is given). */
  kernel?: number[][];
}

/**
 * The grid a kernel window slides over. `cells` holds one string per row with one character per cell:
 * 'i' a real input cell, 'p' padding, 'z' a zero inserted between inputs (transposed traces).
 */
export interface TraceGrid {
  /** Grid size. */
  size: Pair;
  /** Padding rows/columns around the (zero-inserted) input: `[[top, bottom], [left, right]]`. */
  padding: Padding2D;
  /** Distance between neighbouring input cells on the grid (1 for 'conv', the stride for 'transposed'). */
  spacing: Pair;
  /** Cell kinds, `size[0]` strings of length `size[1]`. */
  cells: string[];
}

/** One position of the sliding window: `[outputRow, outputCol, gridRow, gridCol]` (window's top-left grid cell). */
export type SlideStep = [number, number, number, number];

/** A direct convolution: the kernel window slides over `grid`, one output cell per step. */
export interface SlideView {
  /** 'conv' for a convolution trace; 'zero-insertion' for a transposed trace's equivalent convolution. */
  view: 'conv' | 'zero-insertion';
  /** The padded (and for 'zero-insertion', zero-inserted) input. */
  grid: TraceGrid;
  /** How far the window moves per output cell. */
  windowStride: Pair;
  /** Spacing between the kernel's taps on the grid. */
  dilation: Pair;
  /** True when tap (ky, kx) uses kernel value K[kh−1−ky][kw−1−kx] (the 180° rotated kernel). */
  kernelFlipped: boolean;
  /** Ordered steps, row-major over output cells. */
  steps: SlideStep[];
}

/** One stamp: `[inputRow, inputCol, canvasRow, canvasCol]` (the canvas cell under kernel cell (0, 0)). */
export type ScatterStep = [number, number, number, number];

/** A transposed convolution as scatter: each input cell stamps the kernel, scaled by its value, onto the canvas. */
export interface ScatterView {
  view: 'scatter';
  /** Canvas size: every stamp fits, `s(i′ − 1) + d(k − 1) + 1`, grown when output padding reaches beyond it. */
  canvas: Pair;
  /** Canvas cell of output cell (0, 0): the forward padding before, cropped away. */
  outputOrigin: Pair;
  /** Spacing between the kernel's taps on the canvas. */
  dilation: Pair;
  /** Ordered steps, row-major over input cells. */
  steps: ScatterStep[];
}

/** Numbers of a trace made with input and kernel values (rows of numbers). */
export interface TraceValues {
  input: number[][];
  kernel: number[][];
  output: number[][];
}

/** A trace: normalised geometry, one or two views and optional values. */
export interface Trace {
  format: 'deconvlab.trace';
  version: 1;
  kind: 'conv' | 'transposed';
  inputSize: Pair;
  kernelSize: Pair;
  stride: Pair;
  /** The forward convolution's padding. */
  padding: Padding2D;
  dilation: Pair;
  /** Always [0, 0] for 'conv'. */
  outputPadding: Pair;
  /** Dilated kernel extent d(k − 1) + 1. */
  effectiveKernelSize: Pair;
  outputSize: Pair;
  /** The sliding-window view (the convolution itself, or a transposed convolution's zero-insertion view). */
  direct: SlideView;
  /** 'transposed' only: the scatter view. */
  scatter?: ScatterView;
  values?: TraceValues;
}

/** Traces a convolution or transposed convolution step by step for move diagrams (see the file comment for the format). */
export function trace(config: TraceConfig): Trace {
  const g = traceGeometry(config);
  const direct = slideView(g);
  const values = traceValues(config, g, direct);
  return {
    format: 'deconvlab.trace',
    version: 1,
    kind: g.kind,
    inputSize: g.inputSize,
    kernelSize: g.kernelSize,
    stride: g.stride,
    padding: g.padding,
    dilation: g.dilation,
    outputPadding: g.outputPadding,
    effectiveKernelSize: g.effectiveKernelSize,
    outputSize: g.outputSize,
    direct,
    ...(g.kind === 'transposed' ? { scatter: scatterView(g) } : {}),
    ...(values ? { values } : {}),
  };
}

type TraceGeometry = Pick<
  Trace,
  'kind' | 'inputSize' | 'kernelSize' | 'stride' | 'padding' | 'dilation' | 'outputPadding' | 'effectiveKernelSize' | 'outputSize'
>;

function traceGeometry(config: TraceConfig): TraceGeometry {
  if (config === null || typeof config !== 'object') {
    throw new Error(`trace: config must be an object {kind, inputSize, kernelSize, stride, padding}, got ${String(config)}`);
  }
  const kind = config.kind;
  if (kind !== 'conv' && kind !== 'transposed') {
    throw new Error(`trace: kind must be 'conv' or 'transposed', got ${JSON.stringify(kind)}`);
  }
  for (const key of ['inputSize', 'kernelSize', 'stride', 'padding'] as const) {
    if (config[key] === undefined) throw new Error(`trace: config.${key} is required (a number or a [height, width] pair)`);
  }
  const inputSize = checkPair('inputSize', config.inputSize, 1);
  const kernelSize = checkPair('kernelSize', config.kernelSize, 1);
  const stride = checkPair('stride', config.stride, 1);
  const padding = toPadding2D('padding', config.padding);
  const dilation = checkPair('dilation', config.dilation ?? 1, 1);
  const outputPadding = checkPair('outputPadding', config.outputPadding ?? 0, 0);
  const shape = { kind, inputSize, kernelSize, stride, padding, dilation, outputPadding };
  return kind === 'conv' ? convGeometry(shape) : transposedGeometry(shape);
}

type TraceShape = Omit<TraceGeometry, 'effectiveKernelSize' | 'outputSize'>;

/** A convolution's sizes; padding beyond d(k − 1) would make windows that cover only padding. */
function convGeometry(g: TraceShape): TraceGeometry {
  const effectiveKernelSize = pair((d) => g.dilation[d] * (g.kernelSize[d] - 1) + 1);
  for (const d of [0, 1] as const) {
    const limit = effectiveKernelSize[d] - 1;
    if (g.padding[d][0] > limit || g.padding[d][1] > limit) {
      throw new Error(
        `trace: padding [${g.padding[d].join(', ')}] in dimension ${d} must be at most d(k - 1) = ${limit}: ` +
          `more padding makes windows that cover only padding; reduce it`,
      );
    }
    if (g.outputPadding[d] !== 0) {
      throw new Error(`trace: outputPadding applies to kind 'transposed' only, got [${g.outputPadding.join(', ')}] for 'conv'`);
    }
  }
  const outputSize = pair(
    (d) => Math.floor((g.inputSize[d] + g.padding[d][0] + g.padding[d][1] - effectiveKernelSize[d]) / g.stride[d]) + 1,
  );
  if (outputSize[0] < 1 || outputSize[1] < 1) {
    throw new Error(
      `trace: the output would be empty (size [${outputSize.join(', ')}]): ` +
        `the dilated kernel [${effectiveKernelSize.join(', ')}] must fit in the padded input; enlarge the input or the padding`,
    );
  }
  return { ...g, effectiveKernelSize, outputSize };
}

/** A transposed convolution's sizes, from the one geometry (arithmetic's transposeAxes). */
function transposedGeometry(g: TraceShape): TraceGeometry {
  const [h, w] = transposeAxes({ ...g, kernel: g.kernelSize });
  return { ...g, effectiveKernelSize: [h.effectiveKernelSize, w.effectiveKernelSize], outputSize: [h.outputSize, w.outputSize] };
}

/**
 * The zero-insertion view pads the zero-inserted input by d(k − 1) − p before and d(k − 1) − p + a after;
 * padding beyond d(k − 1) crops instead: the grid keeps the whole input and the windows start `crop` cells in.
 */
function zeroInsertionLayout(g: TraceGeometry, d: 0 | 1): { padding: Pair; crop: number } {
  const reach = g.effectiveKernelSize[d] - 1;
  const before = reach - g.padding[d][0];
  const after = reach - g.padding[d][1] + g.outputPadding[d];
  return { padding: [Math.max(before, 0), Math.max(after, 0)], crop: Math.max(-before, 0) };
}

function slideView(g: TraceGeometry): SlideView {
  const transposed = g.kind === 'transposed';
  const layout = [zeroInsertionLayout(g, 0), zeroInsertionLayout(g, 1)];
  const gridPadding: Padding2D = transposed ? [layout[0].padding, layout[1].padding] : g.padding;
  const start: Pair = transposed ? [layout[0].crop, layout[1].crop] : [0, 0];
  const spacing: Pair = transposed ? g.stride : [1, 1];
  const windowStride: Pair = transposed ? [1, 1] : g.stride;
  const steps: SlideStep[] = [];
  for (let oy = 0; oy < g.outputSize[0]; oy++) {
    for (let ox = 0; ox < g.outputSize[1]; ox++) steps.push([oy, ox, start[0] + oy * windowStride[0], start[1] + ox * windowStride[1]]);
  }
  return {
    view: transposed ? 'zero-insertion' : 'conv',
    grid: traceGrid(g.inputSize, gridPadding, spacing),
    windowStride,
    dilation: g.dilation,
    kernelFlipped: transposed,
    steps,
  };
}

function traceGrid(inputSize: Pair, padding: Padding2D, spacing: Pair): TraceGrid {
  const inner = pair((d) => spacing[d] * (inputSize[d] - 1) + 1);
  const size = pair((d) => padding[d][0] + inner[d] + padding[d][1]);
  const kindAlong = (d: 0 | 1, at: number): string => {
    const rel = at - padding[d][0];
    if (rel < 0 || rel >= inner[d]) return 'p';
    return rel % spacing[d] === 0 ? 'i' : 'z';
  };
  const cells: string[] = [];
  for (let y = 0; y < size[0]; y++) {
    const rowKind = kindAlong(0, y);
    let row = '';
    for (let x = 0; x < size[1]; x++) {
      const colKind = kindAlong(1, x);
      row += rowKind === 'p' || colKind === 'p' ? 'p' : rowKind === 'z' || colKind === 'z' ? 'z' : 'i';
    }
    cells.push(row);
  }
  return { size, padding, spacing, cells };
}

function scatterView(g: TraceGeometry): ScatterView {
  const outputOrigin: Pair = [g.padding[0][0], g.padding[1][0]];
  const canvas = pair((d) => Math.max(g.stride[d] * (g.inputSize[d] - 1) + g.effectiveKernelSize[d], outputOrigin[d] + g.outputSize[d]));
  const steps: ScatterStep[] = [];
  for (let iy = 0; iy < g.inputSize[0]; iy++) {
    for (let ix = 0; ix < g.inputSize[1]; ix++) steps.push([iy, ix, iy * g.stride[0], ix * g.stride[1]]);
  }
  return { view: 'scatter', canvas, outputOrigin, dilation: g.dilation, steps };
}

/** Checks the optional values and computes the output by walking the direct view's steps. */
function traceValues(config: TraceConfig, g: TraceGeometry, view: SlideView): TraceValues | undefined {
  if (config.input === undefined && config.kernel === undefined) return undefined;
  if (config.input === undefined || config.kernel === undefined) {
    throw new Error('trace: give both input and kernel values, or neither');
  }
  const input = checkMatrix('input', config.input, g.inputSize);
  const kernel = checkMatrix('kernel', config.kernel, g.kernelSize);
  const { grid } = view;
  const gridValue = (y: number, x: number): number => {
    if (grid.cells[y][x] !== 'i') return 0;
    return input[(y - grid.padding[0][0]) / grid.spacing[0]][(x - grid.padding[1][0]) / grid.spacing[1]];
  };
  const [kh, kw] = g.kernelSize;
  const output = Array.from({ length: g.outputSize[0] }, () => new Array<number>(g.outputSize[1]).fill(0));
  for (const [oy, ox, gy, gx] of view.steps) {
    let sum = 0;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const k = view.kernelFlipped ? kernel[kh - 1 - ky][kw - 1 - kx] : kernel[ky][kx];
        sum += gridValue(gy + ky * view.dilation[0], gx + kx * view.dilation[1]) * k;
      }
    }
    output[oy][ox] = sum;
  }
  return { input, kernel, output };
}

function checkMatrix(name: string, rows: number[][], size: Pair): number[][] {
  const ok =
    Array.isArray(rows) &&
    rows.length === size[0] &&
    rows.every((r) => Array.isArray(r) && r.length === size[1] && r.every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!ok) {
    throw new Error(`trace: ${name} must be ${size[0]} rows of ${size[1]} finite numbers (its size [${size.join(', ')}])`);
  }
  return rows.map((r) => [...r]);
}

function pair(f: (d: 0 | 1) => number): Pair {
  return [f(0), f(1)];
}
