/**
 * TypeScript faces of the payload schemas in `./schema/` (the schemas are the contract; the builders'
 * tests validate every payload against them, so these types cannot drift silently).
 */
import type { Trace } from '../trace';

/** `application/vnd.deconvlab.feature-maps+json`: channels quantised per channel to uint8, channel-major. */
export interface FeatureMapsPayload {
  version: 1;
  title?: string;
  layer?: string;
  height: number;
  width: number;
  channels: number;
  /** Colour range: one for all channels, or each channel's own. */
  scale: 'shared' | 'channel';
  /** base64 of `channels·height·width` bytes; value = min[c] + (max[c] − min[c])·q/255. */
  data: string;
  min: number[];
  max: number[];
  mean: number[];
}

/** `application/vnd.deconvlab.image-grid+json`: uint8 pixels `[N][H][W][C]`. */
export interface ImageGridPayload {
  version: 1;
  title?: string;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  columns: number;
  captions?: string[];
  /** base64 of `count·height·width·channels` bytes. */
  data: string;
}

/** `application/vnd.deconvlab.conv-arithmetic+json`: a move-diagram trace. */
export interface ConvArithmeticPayload {
  version: 1;
  title?: string;
  trace: Trace;
}

/** Histories of the training dashboard; `null` marks a non-finite value. */
export interface TrainingHistory {
  step: number[];
  lossG: (number | null)[];
  lossD: (number | null)[];
  dReal: (number | null)[];
  dFake: (number | null)[];
}

/** `application/vnd.deconvlab.training+json`: a GAN training dashboard. */
export interface TrainingPayload {
  version: 1;
  title?: string;
  status: 'running' | 'done' | 'stopped';
  step: number;
  totalSteps?: number;
  epoch: number;
  totalEpochs?: number;
  elapsedSeconds: number;
  etaSeconds?: number;
  /** EMA weight in [0, 1) for smoothed curves over faint raw ones; absent or 0: raw curves only. */
  smoothing?: number;
  history: TrainingHistory;
  samples?: ImageGridPayload;
}
