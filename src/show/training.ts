import type * as tf from '@tensorflow/tfjs-node';
import { LIMITS } from 'deconvlab-contract';
import type { MimeBundle } from './display_sink';
import { imageGridPayload } from './images';
import { MIME_TYPES } from './mime_types';
import type { TrainingPayload, TrainingQuality } from './payloads';
import { trainingSvg } from './training_svg';

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
  /** EMA weight in [0, 1) for smoothed curves drawn over the faint raw ones (TensorBoard-style, debiased); default 0: raw only. */
  smoothing?: number;
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
      throw new Error(
        `training: history.${key} has ${history[key].length} values but history.step has ${length}; record every series at every step`,
      );
    }
  }
  history.step.forEach((s, i) => checkCount(`history.step[${i}]`, s));
  const keep = thinnedIndices(length);
  const series = (values: number[]) => keep.map((i) => (Number.isFinite(values[i]) && Math.abs(values[i]) <= 1e30 ? values[i] : null));
  return {
    step: keep.map((i) => history.step[i]),
    lossG: series(history.lossG),
    lossD: series(history.lossD),
    dReal: series(history.dReal),
    dFake: series(history.dFake),
  };
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
  return q
    ? `quality after epoch ${q.epoch}: FID ${n(q.fid, 2)}, KID ${n(q.kid, 3)}, precision ${q.precision.toFixed(2)}, recall ${q.recall.toFixed(2)}; `
    : '';
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

/** The latest values of the four series. */
function latestValues(h: TrainingPayload['history']): string {
  return `loss G ${last(h.lossG)}, loss D ${last(h.lossD)}, D(x) ${last(h.dReal)}, D(G(z)) ${last(h.dFake)}`;
}

/** One-paragraph text of the dashboard. */
function trainingText(p: TrainingPayload): string {
  const of = (n: number, total?: number) => (total === undefined ? `${n}` : `${n}/${total}`);
  const timing = `elapsed ${duration(p.elapsedSeconds)}${p.etaSeconds === undefined ? '' : `, ETA ${duration(p.etaSeconds)}`}`;
  return `${p.title ?? 'Training'} (${p.status}): step ${of(p.step, p.totalSteps)}, epoch ${of(p.epoch, p.totalEpochs)}; ${latestValues(p.history)}; ${qualityText(p.quality)}${timing}`;
}

/** Checks the smoothing weight: a number in [0, 1). */
function checkSmoothing(value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value >= 0 && value < 1)) {
    throw new Error(`training: smoothing must be a number in [0, 1) (0.9 averages about 10 steps), got ${value}`);
  }
}

/** Builds the training-dashboard bundle (vendor JSON, SVG with both chart panels and the samples, text) of one state. */
export function trainingBundle(state: TrainingState): MimeBundle {
  checkCount('step', state.step);
  checkCount('totalSteps', state.totalSteps);
  checkCount('epoch', state.epoch);
  checkCount('totalEpochs', state.totalEpochs);
  checkSeconds('elapsedSeconds', state.elapsedSeconds);
  checkSeconds('etaSeconds', state.etaSeconds);
  checkSmoothing(state.smoothing);
  const samples = state.samples && imageGridPayload(state.samples, { range: state.sampleRange ?? [-1, 1] });
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
    ...(state.smoothing && { smoothing: state.smoothing }),
    history: payloadHistory(state.history),
    ...(state.quality && state.quality.length > 0 && { quality: payloadQuality(state.quality) }),
    ...(samples && { samples }),
  };
  const text = trainingText(payload);
  return { [MIME_TYPES.training]: payload, 'image/svg+xml': trainingSvg(payload, latestValues(payload.history), text), 'text/plain': text };
}
