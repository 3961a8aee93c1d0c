import { fitText, svgLine, svgPolyline, svgRect, svgText } from './svg';

/** One curve of a chart panel: y values at the given x positions (null breaks the line). */
export interface ChartSeries {
  name: string;
  color: string;
  x: number[];
  y: (number | null)[];
  /** Drawn faint and left out of the legend (the raw curve behind a smoothed one). */
  faint?: boolean;
}

/** A line-chart panel: its box (outer, including axis labels), titles, ranges and curves. */
export interface ChartPanel {
  left: number;
  top: number;
  width: number;
  height: number;
  title: string;
  xTitle: string;
  yTitle: string;
  /** Fixed y range; default: the data's range with a margin. */
  yRange?: [number, number];
  series: ChartSeries[];
}

const MARGIN = { left: 52, right: 8, top: 40, bottom: 36 };

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** A tick label: integers as is, else at most 3 significant digits. */
function tickLabel(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v) : String(Number(v.toPrecision(3)));
}

/** The finite range of all curves (a unit range around a single value, [0, 1] when empty). */
function dataRange(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/**
 * At most two points per bucket of `buckets` along the series (its minimum and maximum, in order), so a
 * noisy curve of thousands of steps keeps its envelope in a few hundred points; nulls split segments.
 */
function envelope(x: number[], y: (number | null)[], buckets: number): [number, number][][] {
  const segments: [number, number][][] = [];
  let current: [number, number][] = [];
  const size = Math.max(1, Math.ceil(y.length / buckets));
  for (let start = 0; start < y.length; start += size) {
    let lo = -1;
    let hi = -1;
    for (let i = start; i < Math.min(y.length, start + size); i++) {
      const v = y[i];
      if (v === null) {
        if (current.length) segments.push(current);
        current = [];
        lo = hi = -1;
        continue;
      }
      if (lo < 0 || v < (y[lo] as number)) lo = i;
      if (hi < 0 || v > (y[hi] as number)) hi = i;
    }
    for (const i of lo < 0 ? [] : lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) current.push([x[i], y[i] as number]);
  }
  if (current.length) segments.push(current);
  return segments;
}

/** Draws one panel: frame, grid lines, ticks, axis titles, panel title, legend and curves. */
export function chartPanel(panel: ChartPanel): string[] {
  const plot = {
    left: panel.left + MARGIN.left,
    top: panel.top + MARGIN.top,
    width: panel.width - MARGIN.left - MARGIN.right,
    height: panel.height - MARGIN.top - MARGIN.bottom,
  };
  const xs = panel.series.flatMap((s) => s.x);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = panel.yRange ?? dataRange(panel.series.flatMap((s) => s.y.filter((v): v is number => v !== null)));
  const toX = (v: number) => plot.left + (x1 === x0 ? plot.width / 2 : ((v - x0) / (x1 - x0)) * plot.width);
  const toY = (v: number) => plot.top + ((y1 - v) / (y1 - y0)) * plot.height;
  const out = [
    svgText(panel.left + panel.width / 2, panel.top + 14, fitText(panel.title, panel.width, 13), {
      anchor: 'middle',
      bold: true,
      size: 13,
    }),
  ];
  out.push(svgRect(plot.left, plot.top, plot.width, plot.height, '#fff', '#999'));
  for (const t of niceTicks(y0, y1, 5)) {
    out.push(
      svgLine(plot.left, toY(t), plot.left + plot.width, toY(t), '#e4e4e4'),
      svgText(plot.left - 5, toY(t) + 4, tickLabel(t), { anchor: 'end', size: 10 }),
    );
  }
  for (const t of x1 > x0 ? niceTicks(x0, x1, 5) : [x0]) {
    out.push(
      svgLine(toX(t), plot.top + plot.height, toX(t), plot.top + plot.height + 4, '#999'),
      svgText(toX(t), plot.top + plot.height + 15, tickLabel(t), { anchor: 'middle', size: 10 }),
    );
  }
  out.push(svgText(plot.left + plot.width / 2, panel.top + panel.height - 4, panel.xTitle, { anchor: 'middle' }));
  out.push(svgText(panel.left + 12, plot.top + plot.height / 2, panel.yTitle, { anchor: 'middle', rotate: -90 }));
  const buckets = Math.max(2, Math.floor(plot.width / 2));
  for (const s of panel.series) {
    for (const segment of envelope(s.x, s.y, buckets)) {
      out.push(
        svgPolyline(
          segment.map(([x, y]) => [toX(x), toY(Math.min(y1, Math.max(y0, y)))]),
          s.color,
          s.faint ? 1 : 1.6,
          s.faint ? 0.3 : 1,
        ),
      );
    }
  }
  let lx = plot.left;
  for (const s of panel.series.filter((c) => !c.faint)) {
    out.push(svgLine(lx, panel.top + 27, lx + 16, panel.top + 27, s.color, 3), svgText(lx + 20, panel.top + 31, s.name, { size: 11 }));
    lx += 28 + s.name.length * 6.6;
  }
  return out;
}
