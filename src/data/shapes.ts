import * as tf from '@tensorflow/tfjs-node';
import { ImageSet } from './image_set';
import { mix32 } from './shuffle';

/** Options of {@link shapes}. */
export interface ShapesOptions {
  /** Number of images; default 1,000 (≈ 49 MB as float32 at 64×64×3). */
  count?: number;
  /** Side of the images; default 64 (the paper's generator). */
  imageSize?: number;
  /** Seed: the same seed always draws the same images. Default 0. */
  seed?: number;
}

/** Shape kinds, by label. */
export const SHAPE_KINDS = ['circle', 'square', 'triangle'] as const;

type Rgb = [number, number, number];

/** A deterministic uniform draw in [0, 1) for (seed, image, slot). */
const uniform = (seed: number, image: number, slot: number): number => mix32(seed, image, slot) / 4294967296;

function colour(u: (slot: number) => number, slot: number, bright: boolean): Rgb {
  // Hue around the wheel, then saturated (shapes) or muted (backgrounds) so shapes stand out.
  const h = u(slot) * 6;
  const f = h - Math.floor(h);
  const [lo, hi] = bright ? [-0.9, 0.9] : [-0.6, 0.2];
  const mid = lo + (hi - lo) * f;
  const table: Rgb[] = [
    [hi, mid, lo],
    [mid, hi, lo],
    [lo, hi, mid],
    [lo, mid, hi],
    [mid, lo, hi],
    [hi, lo, mid],
  ];
  return table[Math.floor(h) % 6];
}

interface Shape {
  kind: number;
  cx: number;
  cy: number;
  r: number;
  angle: number;
  rgb: Rgb;
}

function inside(s: Shape, x: number, y: number): boolean {
  const dx = x - s.cx;
  const dy = y - s.cy;
  if (s.kind === 0) return dx * dx + dy * dy <= s.r * s.r;
  const c = Math.cos(s.angle);
  const sn = Math.sin(s.angle);
  const u = c * dx + sn * dy;
  const v = -sn * dx + c * dy;
  if (s.kind === 1) return Math.abs(u) <= s.r * 0.8 && Math.abs(v) <= s.r * 0.8;
  // Equilateral triangle with circumradius r: inside all three edges' half-planes (apothem r/2).
  for (let k = 0; k < 3; k++) {
    const a = (k * 2 * Math.PI) / 3;
    if (u * Math.cos(a) + v * Math.sin(a) > s.r / 2) return false;
  }
  return true;
}

function drawImage(out: Float32Array, offset: number, side: number, seed: number, index: number): number {
  const u = (slot: number): number => uniform(seed, index, slot);
  const back = colour(u, 0, false);
  const fore = colour(u, 1, false);
  const texture = Math.floor(u(2) * 3);
  const period = 4 + u(3) * 12;
  const angle = u(4) * Math.PI;
  const count = 1 + Math.floor(u(5) * 3);
  const shapes: Shape[] = [];
  for (let k = 0; k < count; k++) {
    const r = side * (0.12 + 0.2 * u(10 + k * 8));
    shapes.push({
      kind: Math.floor(u(11 + k * 8) * 3),
      r,
      angle: u(12 + k * 8) * Math.PI * 2,
      rgb: colour(u, 13 + k * 8, true),
      cx: r + u(14 + k * 8) * (side - 2 * r),
      cy: r + u(15 + k * 8) * (side - 2 * r),
    });
  }
  shapes.sort((a, b) => b.r - a.r);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const along = x * Math.cos(angle) + y * Math.sin(angle);
      const t =
        texture === 0
          ? (Math.sin((2 * Math.PI * along) / period) + 1) / 2
          : texture === 1
            ? (Math.floor(x / period) + Math.floor(y / period)) % 2
            : along / (side * 1.5);
      const noise = (mix32(seed, index, 1000 + y * side + x) / 4294967296 - 0.5) * 0.1;
      let rgb: Rgb = [0, 1, 2].map((c) => back[c] + (fore[c] - back[c]) * t + noise) as Rgb;
      for (const s of shapes) if (inside(s, x + 0.5, y + 0.5)) rgb = s.rgb;
      const p = offset + (y * side + x) * 3;
      for (let c = 0; c < 3; c++) out[p + c] = Math.max(-1, Math.min(1, rgb[c]));
    }
  }
  return shapes[0].kind;
}

/**
 * A synthetic RGB dataset for the paper's 64×64 architecture: 1–3 coloured circles, squares and triangles on
 * striped, checked or graded backgrounds with pixel noise, in [−1, 1]; labels are the kind of the largest shape
 * (0 circle, 1 square, 2 triangle). Deterministic in `seed`, generated in memory.
 */
export function shapes(options: ShapesOptions = {}): ImageSet {
  const count = options.count ?? 1000;
  const side = options.imageSize ?? 64;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
  if (!Number.isInteger(side) || side < 8) throw new Error(`imageSize must be an integer >= 8, got ${side}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const pixels = new Float32Array(count * side * side * 3);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = drawImage(pixels, i * side * side * 3, side, seed, i);
  return new ImageSet(tf.tensor4d(pixels, [count, side, side, 3]), tf.tensor1d(labels, 'int32'));
}
