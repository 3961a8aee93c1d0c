import { randomUUID } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-node';
import { cellSignal } from '../cell_signal';
import { emitDisplay } from './display_sink';
import type { TrainingQuality } from './payloads';
import { trainingBundle, type TrainingHistoryInput } from './training';

/** Options of `show.training`. */
export interface TrainingDisplayOptions {
  title?: string;
  totalSteps?: number;
  totalEpochs?: number;
  /** Updates closer together than this are recorded but not sent (default 250 ms); `close()` always sends. */
  minIntervalMs?: number;
  /** Value range of the sample images (default [-1, 1], a tanh generator's output). */
  sampleRange?: [number, number];
  /** EMA weight in [0, 1) for smoothed curves over faint raw ones (TensorBoard-style; 0.9 averages about 10 steps); default 0, raw only. */
  smoothing?: number;
}

/** One training step's figures, passed to {@link TrainingDisplay.update}. */
export interface TrainingPoint {
  step: number;
  epoch?: number;
  lossG: number;
  lossD: number;
  /** Mean D(x) on real images. */
  dReal: number;
  /** Mean D(G(z)) on generated images. */
  dFake: number;
  /** The latest samples `[N, H, W, 1|3]`; read at once, so the caller may dispose them right after. */
  samples?: tf.Tensor;
}

/** A live training dashboard: one display, replaced in place by each update. */
export class TrainingDisplay {
  /** The display's id, as sent in `display_data` and `update_display_data`. */
  readonly displayId = `deconvlab-training-${randomUUID()}`;
  private readonly history: TrainingHistoryInput = { step: [], lossG: [], lossD: [], dReal: [], dFake: [] };
  private readonly started = Date.now();
  private lastSent = 0;
  private step = 0;
  private epoch = 0;
  private samples?: { values: Float32Array; shape: number[] };
  private readonly quality: TrainingQuality[] = [];
  private closed = false;

  /** Shows the dashboard; in the kernel, interrupting the cell that made it marks it stopped. */
  constructor(private readonly options: TrainingDisplayOptions = {}) {
    this.send('display', 'running');
    cellSignal()?.addEventListener('abort', () => this.close('stopped'), { once: true });
  }

  /** Records one step and refreshes the dashboard (at most once per `minIntervalMs`). */
  update(point: TrainingPoint): void {
    if (this.closed) throw new Error('training display: update() after close(); start a new one with deconv.show.training()');
    this.step = point.step;
    this.epoch = point.epoch ?? this.epoch;
    this.history.step.push(point.step);
    this.history.lossG.push(point.lossG);
    this.history.lossD.push(point.lossD);
    this.history.dReal.push(point.dReal);
    this.history.dFake.push(point.dFake);
    if (point.samples) this.samples = { values: Float32Array.from(point.samples.dataSync()), shape: point.samples.shape };
    if (Date.now() - this.lastSent >= (this.options.minIntervalMs ?? 250)) this.send('update', 'running');
  }

  /** Records the sample quality measured after `epoch` (e.g. an epoch record's `quality`) and refreshes the dashboard. */
  recordQuality(epoch: number, q: { fid: number; kid: number; precision: number; recall: number }): void {
    if (this.closed) throw new Error('training display: recordQuality() after close(); start a new one with deconv.show.training()');
    this.quality.push({ epoch, fid: q.fid, kid: q.kid, precision: q.precision, recall: q.recall });
    this.send('update', 'running');
  }

  /** Sends the final state ('done' unless told 'stopped'); later updates throw. */
  close(status: 'done' | 'stopped' = 'done'): void {
    if (this.closed) return;
    this.closed = true;
    this.send('update', status);
  }

  private send(kind: 'display' | 'update', status: 'running' | 'done' | 'stopped'): void {
    const elapsedSeconds = (Date.now() - this.started) / 1000;
    const { totalSteps, totalEpochs, title, sampleRange, smoothing } = this.options;
    const etaSeconds =
      totalSteps !== undefined && this.step > 0 && status === 'running'
        ? (elapsedSeconds / this.step) * Math.max(0, totalSteps - this.step)
        : undefined;
    const samples = this.samples && tf.tensor(this.samples.values, this.samples.shape);
    try {
      const data = trainingBundle({
        title,
        status,
        step: this.step,
        totalSteps,
        epoch: this.epoch,
        totalEpochs,
        elapsedSeconds,
        etaSeconds,
        smoothing,
        history: this.history,
        quality: this.quality,
        ...(samples && { samples, sampleRange }),
      });
      emitDisplay({ kind, data, displayId: this.displayId });
    } finally {
      samples?.dispose();
    }
    this.lastSent = Date.now();
  }
}
