import type * as tf from '@tensorflow/tfjs-node';
import { LIMITS } from 'deconvlab-contract';
import type { MimeBundle } from './display_sink';
import { encodePngBase64 } from './encode_png';
import { imageGridPayload } from './images';
import { rasterLineChart } from './line_chart';
import { MIME_TYPES } from './mime_types';
import type { TrainingPayload, TrainingQuality } from './payloads';
import { fallbackZoom, tileImages, type Raster } from './tile_images';

/** Histories as recorded by a training loop (any number may be non-finite). */
export interface TrainingHistoryInput {
  step: number[];
  lossG: number[];
  lossD: number[];
  dReal: number[];
  dFake: number[];
}

/** The dashboard state {@link trainingBundle} draws. */
export interface TrainingState {
  title?: string;
  status?: 'running' | 'done' | 'stopped';
  step: number;
  totalSteps?: number;
  epoch?: number;
  totalEpochs?: number;
  elapsedSeconds?: number;
  /** Estimated seconds left; omitted when unknown. */
  etaSeconds?: number;
  history: TrainingHistoryInput;
  /** Sample quality of the epochs measured so far (see experiments.quality). */
  quality?: TrainingQuality[];
  /** The latest samples, `[N, H, W, 1|3]` in [-1, 1] (generator output) unless `sampleRange` says otherwise. */
  samples?: tf.Tensor;
  sampleRange?: [number, number];
}

/** Longest history the payload carries; longer ones are thinned evenly (the last point is always kept). */
export const MAX_HISTORY = LIMITS.training.maxHistory;

const SERIES = ['lossG', 'lossD', 'dReal', 'dFake'] as const;

/** Indices of at most `MAX_HISTORY` evenly spaced points of `length`, always including the last one. */
function thinnedIndices(length: number): number[] {
  if (length <= MAX_HISTORY) return Array.from({ length }, (_, i) => i);
  const stride = length / MAX_HISTORY;
  return Array.from({ length: MAX_HISTORY }, (_, i) => Math.min(length - 1, Math.round(length - 1 - (MAX_HISTORY - 1 - i) * stride)));
}

/** Checks a count field (step, epoch, totals): a non-negative integer. */
function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 1e9)) {
    throw new Error(`training: ${name} must be an integer in 0..1e9, got ${value}`);
  }
}

/** Checks a seconds field: finite and not negative. */
function checkSeconds(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1e9)) {
    throw new Error(`training: ${name} must be a finite number of seconds in 0..1e9, got ${value}`);
  }
}

/** The payload's history: equal lengths checked, thinned to {@link MAX_HISTORY}, non-finite values as null. */
function payloadHistory(history: TrainingHistoryInput): TrainingPayload['history'] {
  const length = history.step.length;
  for (const key of SERIES) {
    if (history[key].length !== length) {
      throw new Error(`training: history.${key} has ${history[key].length} values but history.step has ${length}; record every series at every step`);
    }
  }
  history.step.forEach((s, i) => checkCount(`history.step[${i}]`, s));
  const keep = thinnedIndices(length);
  const series = (values: number[]) => keep.map((i) => (Number.isFinite(values[i]) && Math.abs(values[i]) <= 1e30 ? values[i] : null));
  return { step: keep.map((i) => history.step[i]), lossG: series(history.lossG), lossD: series(history.lossD), dReal: series(history.dReal), dFake: series(history.dFake) };
}

/** Widens a grey raster to RGB. */
function toRgb(r: Raster): Raster {
  if (r.channels === 3) return r;
  const pixels = new Uint8Array(r.pixels.length * 3);
  for (let i = 0; i < r.pixels.length; i++) pixels[3 * i] = pixels[3 * i + 1] = pixels[3 * i + 2] = r.pixels[i];
  return { ...r, pixels, channels: 3 };
}

/** Stacks RGB rasters vertically on white, left-aligned. */
function stack(parts: Raster[]): Raster {
  const width = Math.max(...parts.map((p) => p.width));
  const height = parts.reduce((h, p) => h + p.height, 0);
  const pixels = new Uint8Array(width * height * 3).fill(255);
  let top = 0;
  for (const p of parts) {
    for (let y = 0; y < p.height; y++) pixels.set(p.pixels.subarray(y * p.width * 3, (y + 1) * p.width * 3), ((top + y) * width) * 3);
    top += p.height;
  }
  return { pixels, height, width, channels: 3 };
}

/** Formats seconds as `1h02m`, `3m05s` or `12s`. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The last value of a series as text. */
function last(values: (number | null)[]): string {
  const v = values[values.length - 1];
  return v === undefined ? '-' : v === null ? 'NaN' : v.toPrecision(4);
}

/** The latest quality as text ("" when none), e.g. "quality after epoch 3: FID 12.3, KID 0.456, precision 0.71, recall 0.52; ". */
function qualityText(quality: TrainingQuality[] | undefined): string {
  const q = quality?.[quality.length - 1];
  const n = (v: number | null, digits: number): string => (v === null ? 'NaN' : v.toFixed(digits));
  return q ? `quality after epoch ${q.epoch}: FID ${n(q.fid, 2)}, KID ${n(q.kid, 3)}, precision ${q.precision.toFixed(2)}, recall ${q.recall.toFixed(2)}; ` : '';
}

/** Checked quality entries: epochs are counts, distances finite or null, precision and recall fractions. */
function payloadQuality(quality: TrainingQuality[]): TrainingQuality[] {
  return quality.slice(-MAX_HISTORY).map((q, i) => {
    checkCount(`quality[${i}].epoch`, q.epoch);
    for (const key of ['precision', 'recall'] as const) {
      if (!(q[key] >= 0 && q[key] <= 1)) throw new Error(`training: quality[${i}].${key} must be a fraction in [0, 1], got ${q[key]}`);
    }
    const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) && Math.abs(v) <= 1e30 ? v : null);
    return { epoch: q.epoch, fid: finite(q.fid), kid: finite(q.kid), precision: q.precision, recall: q.recall };
  });
}

/** One-paragraph text of the dashboard. */
function trainingText(p: TrainingPayload): string {
  const of = (n: number, total?: number) => (total === undefined ? `${n}` : `${n}/${total}`);
  const h = p.history;
  const timing = `elapsed ${duration(p.elapsedSeconds)}${p.etaSeconds === undefined ? '' : `, ETA ${duration(p.etaSeconds)}`}`;
  return `${p.title ?? 'Training'} (${p.status}): step ${of(p.step, p.totalSteps)}, epoch ${of(p.epoch, p.totalEpochs)}; loss G ${last(h.lossG)}, loss D ${last(h.lossD)}, D(x) ${last(h.dReal)}, D(G(z)) ${last(h.dFake)}; ${qualityText(p.quality)}${timing}`;
}

/** Builds the training-dashboard bundle (vendor JSON, PNG of the loss curves and samples, text) of one state. */
export function trainingBundle(state: TrainingState): MimeBundle {
  checkCount('step', state.step);
  checkCount('totalSteps', state.totalSteps);
  checkCount('epoch', state.epoch);
  checkCount('totalEpochs', state.totalEpochs);
  checkSeconds('elapsedSeconds', state.elapsedSeconds);
  checkSeconds('etaSeconds', state.etaSeconds);
  const grid = state.samples && imageGridPayload(state.samples, { range: state.sampleRange ?? [-1, 1] });
  const payload: TrainingPayload = {
    version: 1,
    ...(state.title !== undefined && { title: String(state.title) }),
    status: state.status ?? 'running',
    step: state.step,
    ...(state.totalSteps !== undefined && { totalSteps: state.totalSteps }),
    epoch: state.epoch ?? 0,
    ...(state.totalEpochs !== undefined && { totalEpochs: state.totalEpochs }),
    elapsedSeconds: state.elapsedSeconds ?? 0,
    ...(state.etaSeconds !== undefined && { etaSeconds: state.etaSeconds }),
    history: payloadHistory(state.history),
    ...(state.quality && state.quality.length > 0 && { quality: payloadQuality(state.quality) }),
    ...(grid && { samples: grid.payload }),
  };
  const chart = rasterLineChart([
    { values: payload.history.lossG, color: [31, 119, 180] },
    { values: payload.history.lossD, color: [214, 39, 40] },
  ], 320, 120);
  const parts = [chart];
  if (grid) {
    const g = grid.payload;
    const columns = Math.min(g.columns, g.count);
    parts.push(toRgb(tileImages(grid.bytes, g.count, g.height, g.width, g.channels, { columns, zoom: fallbackZoom(g.height, g.width, columns, 32, 640), gap: 2, background: 255 })));
  }
  const png = stack(parts);
  return { [MIME_TYPES.training]: payload, 'image/png': encodePngBase64(png.pixels, png.height, png.width, 3), 'text/plain': trainingText(payload) };
}
