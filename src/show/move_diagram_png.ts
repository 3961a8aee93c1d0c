import type { Trace } from '../trace';
import type { Raster } from './tile_images';

type Rgb = [number, number, number];

/** Cell colours of the static move diagram, after Dumoulin & Visin's animations. */
const COLOURS: Record<string, Rgb> = {
  i: [100, 149, 237],
  p: [236, 236, 236],
  z: [250, 250, 250],
  window: [40, 70, 140],
  output: [200, 230, 210],
  written: [60, 170, 110],
  current: [20, 110, 60],
  line: [160, 160, 160],
};

/** Fills one cell of a grid drawn at (`left`, `top`) with `size`-pixel cells, keeping a 1-pixel grid line. */
function fillCell(r: Raster, left: number, top: number, size: number, row: number, col: number, colour: Rgb): void {
  for (let y = 1; y < size; y++) {
    for (let x = 1; x < size; x++) {
      const i = ((top + row * size + y) * r.width + left + col * size + x) * 3;
      r.pixels.set(colour, i);
    }
  }
}

/** Draws the grid lines of a `rows × cols` grid. */
function gridLines(r: Raster, left: number, top: number, size: number, rows: number, cols: number): void {
  for (let y = 0; y <= rows * size; y++) {
    for (let x = 0; x <= cols * size; x++) {
      if (y % size === 0 || x % size === 0) r.pixels.set(COLOURS.line, ((top + y) * r.width + left + x) * 3);
    }
  }
}

/** Draws the direct view at step `t`: the grid with the kernel window, and the output with the cells written so far. */
function drawStep(r: Raster, trace: Trace, t: number, top: number, size: number): void {
  const { grid, steps, dilation } = trace.direct;
  gridLines(r, 0, top, size, grid.size[0], grid.size[1]);
  grid.cells.forEach((line, row) => [...line].forEach((kind, col) => fillCell(r, 0, top, size, row, col, COLOURS[kind])));
  const [, , gy, gx] = steps[t];
  for (let ky = 0; ky < trace.kernelSize[0]; ky++) {
    for (let kx = 0; kx < trace.kernelSize[1]; kx++) {
      const [row, col] = [gy + ky * dilation[0], gx + kx * dilation[1]];
      const under = COLOURS[grid.cells[row][col]];
      fillCell(r, 0, top, size, row, col, under.map((v, c) => Math.round(0.4 * v + 0.6 * COLOURS.window[c])) as Rgb);
    }
  }
  const left = (grid.size[1] + 2) * size;
  gridLines(r, left, top, size, trace.outputSize[0], trace.outputSize[1]);
  for (let row = 0; row < trace.outputSize[0]; row++) {
    for (let col = 0; col < trace.outputSize[1]; col++) fillCell(r, left, top, size, row, col, COLOURS.output);
  }
  steps.slice(0, t + 1).forEach(([oy, ox], k) => fillCell(r, left, top, size, oy, ox, k === t ? COLOURS.current : COLOURS.written));
}

/** A static strip of the move diagram (first and last step of the sliding-window view): the PNG fallback of the player. */
export function moveDiagramRaster(trace: Trace): Raster {
  const { grid, steps } = trace.direct;
  const cols = grid.size[1] + 2 + trace.outputSize[1];
  const rows = Math.max(grid.size[0], trace.outputSize[0]);
  const size = Math.max(4, Math.min(16, Math.floor(640 / cols)));
  const frames = steps.length > 1 ? [0, steps.length - 1] : [0];
  const frameHeight = (rows + 1) * size + 1;
  const r: Raster = { pixels: new Uint8Array(frames.length * frameHeight * (cols * size + 1) * 3).fill(255), height: frames.length * frameHeight, width: cols * size + 1, channels: 3 };
  frames.forEach((t, k) => drawStep(r, trace, t, k * frameHeight, size));
  return r;
}
