import type { Trace } from 'deconvlab-contract';
import { cellNumber, CellPainter, type IPalette } from './cell_painter';

/** One drawable view of a trace: its step count and a function that draws step `t` and describes it. */
export interface IMoveView {
  title: string;
  steps: number;
  /** CSS size of the drawing. */
  size: { width: number; height: number };
  draw(canvas: HTMLCanvasElement, t: number, numbers: boolean, colours: IPalette): string;
}

const TOP = 18;
const GAP = 1.5;

/** Cell size that fits `cells` columns into about `width` pixels. */
function cellSize(cells: number, width = 370): number {
  return Math.max(6, Math.min(36, Math.floor(width / cells)));
}

/** The sliding-window view: the padded (zero-inserted) grid with the kernel window, and the output being written. */
export function directView(trace: Trace): IMoveView {
  const { grid, steps, dilation, kernelFlipped } = trace.direct;
  const [oh, ow] = trace.outputSize;
  const [kh, kw] = trace.kernelSize;
  const cs = cellSize(grid.size[1] + GAP + ow);
  const outX = (grid.size[1] + GAP) * cs;
  const values = trace.values;
  const inputAt = (r: number, c: number) => {
    const y = (r - grid.padding[0][0]) / grid.spacing[0];
    const x = (c - grid.padding[1][0]) / grid.spacing[1];
    return values?.input[y]?.[x];
  };
  return {
    title: trace.kind === 'conv' ? 'convolution' : 'zero insertion (the equivalent convolution)',
    steps: steps.length,
    size: { width: outX + ow * cs + 1, height: TOP + Math.max(grid.size[0], oh) * cs + 1 },
    draw(canvas, t, numbers, colours) {
      const p = new CellPainter(canvas, this.size.width, this.size.height, cs, colours);
      p.caption(0, 12, trace.kind === 'conv' ? 'input + padding' : 'input, zeros, padding');
      p.caption(outX, 12, 'output');
      grid.cells.forEach((line, r) => {
        for (let c = 0; c < line.length; c++) {
          const kind = line[c];
          p.fill(0, TOP, r, c, kind === 'i' ? colours.input : kind === 'p' ? colours.padding : colours.background, kind !== 'i');
        }
      });
      const [oy, ox, gy, gx] = steps[t];
      const taps: [number, number, number | undefined][] = [];
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          taps.push([
            gy + ky * dilation[0],
            gx + kx * dilation[1],
            values?.kernel[kernelFlipped ? kh - 1 - ky : ky][kernelFlipped ? kw - 1 - kx : kx],
          ]);
        }
      }
      for (const [r, c] of taps) {
        p.ctx.fillStyle = colours.window;
        p.ctx.fillRect(c * cs, TOP + r * cs, cs, cs);
        p.outline(0, TOP, r, c, colours.windowEdge);
      }
      if (numbers && values) {
        grid.cells.forEach((line, r) => {
          for (let c = 0; c < line.length; c++) {
            const v = line[c] === 'i' ? inputAt(r, c) : undefined;
            if (v !== undefined) p.text(0, TOP, r, c, cellNumber(v), '#ffffff');
            else if (line[c] === 'z') p.text(0, TOP, r, c, '0', colours.text);
          }
        });
        for (const [r, c, k] of taps) if (k !== undefined) p.text(0, TOP + cs * 0.3, r, c, `×${cellNumber(k)}`, colours.windowEdge, 0.28);
      }
      for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) p.fill(outX, TOP, r, c, colours.output);
      for (let s = 0; s <= t; s++) {
        const [y, x] = steps[s];
        p.fill(outX, TOP, y, x, s === t ? colours.current : colours.written);
        const v = values?.output[y][x];
        if (numbers && v !== undefined) p.text(outX, TOP, y, x, cellNumber(v), '#ffffff');
      }
      p.outline(outX, TOP, oy, ox, colours.windowEdge);
      const value = values ? ` = ${cellNumber(values.output[oy][ox])}` : '';
      return `step ${t + 1} of ${steps.length}: output (${oy}, ${ox})${value} from the window at grid (${gy}, ${gx})${kernelFlipped ? ', kernel rotated 180°' : ''}`;
    },
  };
}

/** The scatter view of a transposed trace: each input cell stamps the kernel onto the canvas; the output is the canvas minus the cropped padding. */
export function scatterView(trace: Trace, scatter: NonNullable<Trace['scatter']>): IMoveView {
  const {
    canvas: [ch, cw],
    outputOrigin: [oy0, ox0],
    dilation,
    steps,
  } = scatter;
  const [ih, iw] = trace.inputSize;
  const [kh, kw] = trace.kernelSize;
  const [oh, ow] = trace.outputSize;
  const cs = cellSize(iw + GAP + cw);
  const outX = (iw + GAP) * cs;
  const values = trace.values;
  const stamp = (s: number, visit: (r: number, c: number, contribution: number) => void) => {
    const [iy, ix, cy, cx] = steps[s];
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++)
        visit(cy + ky * dilation[0], cx + kx * dilation[1], values ? values.input[iy][ix] * values.kernel[ky][kx] : 0);
    }
  };
  const finalCount = new Array<number>(ch * cw).fill(0);
  steps.forEach((_, s) => stamp(s, (r, c) => finalCount[r * cw + c]++));
  const maxCount = Math.max(1, ...finalCount);
  return {
    title: 'scatter (each input stamps the kernel)',
    steps: steps.length,
    size: { width: outX + cw * cs + 1, height: TOP + Math.max(ih, ch) * cs + 1 },
    draw(canvas, t, numbers, colours) {
      const p = new CellPainter(canvas, this.size.width, this.size.height, cs, colours);
      p.caption(0, 12, 'input');
      p.caption(outX, 12, 'canvas (framed: output)');
      const [iy, ix] = steps[t];
      for (let r = 0; r < ih; r++) {
        for (let c = 0; c < iw; c++) {
          p.fill(0, TOP, r, c, colours.input);
          if (numbers && values) p.text(0, TOP, r, c, cellNumber(values.input[r][c]), '#ffffff');
        }
      }
      p.outline(0, TOP, iy, ix, colours.windowEdge);
      const count = new Array<number>(ch * cw).fill(0);
      const sum = new Array<number>(ch * cw).fill(0);
      for (let s = 0; s <= t; s++) {
        stamp(s, (r, c, v) => {
          count[r * cw + c]++;
          sum[r * cw + c] += v;
        });
      }
      for (let r = 0; r < ch; r++) {
        for (let c = 0; c < cw; c++) {
          const inside = r >= oy0 && r < oy0 + oh && c >= ox0 && c < ox0 + ow;
          p.fill(outX, TOP, r, c, inside ? colours.output : colours.cropped, !inside);
          const n = count[r * cw + c];
          if (n > 0) {
            p.ctx.globalAlpha = 0.3 + (0.7 * n) / maxCount;
            p.fill(outX, TOP, r, c, colours.written);
            p.ctx.globalAlpha = 1;
          }
        }
      }
      stamp(t, (r, c) => {
        p.ctx.fillStyle = colours.window;
        p.ctx.fillRect(outX + c * cs, TOP + r * cs, cs, cs);
        p.outline(outX, TOP, r, c, colours.windowEdge);
      });
      for (let r = 0; r < ch && numbers; r++) {
        for (let c = 0; c < cw; c++) {
          const n = count[r * cw + c];
          if (n > 0) p.text(outX, TOP, r, c, values ? cellNumber(sum[r * cw + c]) : String(n), '#ffffff');
        }
      }
      p.ctx.strokeStyle = colours.text;
      p.ctx.lineWidth = 2;
      p.ctx.strokeRect(outX + ox0 * cs + 1, TOP + oy0 * cs + 1, ow * cs - 1, oh * cs - 1);
      const what = values ? `${cellNumber(values.input[iy][ix])} × kernel` : 'the kernel';
      return `step ${t + 1} of ${steps.length}: input (${iy}, ${ix}) adds ${what} at canvas (${steps[t][2]}, ${steps[t][3]})${numbers && !values ? '; numbers count overlapping stamps' : ''}`;
    },
  };
}
