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
 *   (cells 'p'); the window moves by 1 and uses the kernel rotated by 180° (`kernelFlipped`).
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

/** A `[height, width]` (or `[row, column]`) pair. */
export type Pair = [number, number];

/** Explicit padding per spatial dimension: `[[top, bottom], [left, right]]`. */
export type Padding2D = [Pair, Pair];

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
  /** 'transposed' only: extra output rows/columns at the bottom/right, a < s (default 0). */
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
