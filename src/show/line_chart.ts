import type { Raster } from './tile_images';

/** One polyline: values at evenly spaced x positions (null breaks the line) and an RGB colour. */
export interface ChartSeries {
  values: (number | null)[];
  color: [number, number, number];
}

/** Sets one RGB pixel when it lies inside the raster. */
function plot(r: Raster, x: number, y: number, color: [number, number, number]): void {
  if (x < 0 || y < 0 || x >= r.width || y >= r.height) return;
  const i = (y * r.width + x) * 3;
  r.pixels[i] = color[0];
  r.pixels[i + 1] = color[1];
  r.pixels[i + 2] = color[2];
}

/** Draws a straight segment with one pixel per step along its longer axis. */
function segment(r: Raster, x0: number, y0: number, x1: number, y1: number, color: [number, number, number]): void {
  const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
  for (let t = 0; t <= n; t++) plot(r, Math.round(x0 + ((x1 - x0) * t) / n), Math.round(y0 + ((y1 - y0) * t) / n), color);
}

/** Rasterises series into a small RGB line chart (white background, grey frame, shared y range): the PNG fallback of curves. */
export function rasterLineChart(series: ChartSeries[], width: number, height: number): Raster {
  const r: Raster = { pixels: new Uint8Array(width * height * 3).fill(255), height, width, channels: 3 };
  const grey: [number, number, number] = [180, 180, 180];
  segment(r, 0, 0, width - 1, 0, grey);
  segment(r, 0, height - 1, width - 1, height - 1, grey);
  segment(r, 0, 0, 0, height - 1, grey);
  segment(r, width - 1, 0, width - 1, height - 1, grey);
  const finite = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (finite.length === 0) return r;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = 4;
  const toY = (v: number) => (hi === lo ? height / 2 : pad + ((hi - v) / (hi - lo)) * (height - 1 - 2 * pad));
  for (const s of series) {
    const toX = (i: number) => (s.values.length < 2 ? width / 2 : pad + (i / (s.values.length - 1)) * (width - 1 - 2 * pad));
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      const prev = i > 0 ? s.values[i - 1] : null;
      if (v === null) continue;
      if (prev === null) plot(r, Math.round(toX(i)), Math.round(toY(v)), s.color);
      else segment(r, Math.round(toX(i - 1)), Math.round(toY(prev)), Math.round(toX(i)), Math.round(toY(v)), s.color);
    }
  }
  return r;
}
