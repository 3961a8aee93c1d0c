import * as tf from '@tensorflow/tfjs-node';
import { withCellSignal } from '../cell_signal';
import { ImageSet } from '../data/image_set';
import { mix32, shuffledIndices } from '../data/shuffle';
import { Adam } from './adam';
import { type CheckpointState, latestCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoint';
import { conditionLatent } from './condition';
import { type Quality, quality } from './experiments/quality';
import type { QualityDataset } from './experiments/quality_classifier';
import { LayerChain } from './layer_chain';
import { checkSameArchitecture, shapeText } from './same_architecture';
import { trainStep } from './train_step';

/** Options of {@link train}. */
export interface TrainOptions {
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  /** Training images in [−1, 1]: a dataset from `deconv.data` or a [N, h, w, c] tensor (not disposed by train). */
  data: ImageSet | tf.Tensor4D;
  /** Total epochs (when resuming, including those already done). */
  epochs: number;
  /** Default 128 (the paper's); the last incomplete batch of each epoch is dropped. */
  batchSize?: number;
  /** Adam step size; default 2e-4 (the paper's). */
  learningRate?: number;
  /** Adam β₁; default 0.5 (the paper's; 0.9 oscillated). */
  beta1?: number;
  /** Checked against the generator's input size when given. */
  zDim?: number;
  /**
   * Train class-conditional networks (built with the same `classes`) on the data's labels; default 0, unconditional.
   * Each fake batch is drawn for the real batch's labels.
   */
  classes?: number;
  /** Seeds the batch order and z ~ N(0, 1): the same seed and initial weights give the same run. Default 0. */
  seed?: number;
  /** Called after each step with its losses (await-ed). */
  onStep?: (record: StepRecord) => void | Promise<void>;
  /** Called after each epoch with the epoch's mean losses (await-ed). */
  onEpoch?: (record: EpochRecord) => void | Promise<void>;
  /**
   * Stops cleanly after the current step; the history so far is returned and a checkpoint written if configured.
   * In the deconvlab kernel, interrupting the cell does the same.
   */
  signal?: AbortSignal;
  /** Directory of atomic checkpoints; none are written when omitted. */
  checkpointDir?: string;
  /** Write a checkpoint every this many epochs (and at the end, and on abort). Default 1. */
  checkpointEvery?: number;
  /** Continue from the last complete checkpoint in checkpointDir (starts afresh if there is none). */
  resume?: boolean;
  /**
   * Measure sample quality after each epoch (`experiments.quality` of `count` samples, default 500, from a fixed z)
   * and put it in the epoch's record.
   */
  quality?: { dataset: QualityDataset; count?: number };
  /**
   * A history to fill in place as training goes (reset first) and return: declared by the caller
   * before training (`deconv.dcgan.newTrainHistory()`), it keeps the completed steps and epochs even
   * when the `await` never returns to the caller, as when a notebook cell is interrupted.
   */
  history?: TrainHistory;
}

/** Losses after one step. */
export interface StepRecord {
  /** Steps completed in total, this one included. */
  step: number;
  /** Epoch of this step (0-based). */
  epoch: number;
  /** −log σ(D(x)) − log(1 − σ(D(G(z)))), batch means. */
  dLoss: number;
  /** −log σ(D(G(z))), the non-saturating generator loss. */
  gLoss: number;
  /** Mean probability D gives real images. */
  dReal: number;
  /** Mean probability D gives generated images. */
  dFake: number;
}

/** Mean losses over one epoch. */
export interface EpochRecord {
  epoch: number;
  steps: number;
  dLoss: number;
  gLoss: number;
  dReal: number;
  dFake: number;
  /** Wall time of the epoch in this process (for an epoch resumed mid-way, only the resumed part). */
  seconds: number;
  /** Sample quality after the epoch, when `quality` was asked for. */
  quality?: Quality;
}

/** What {@link train} returns. */
export interface TrainHistory {
  steps: StepRecord[];
  epochs: EpochRecord[];
  /** Completed epochs. */
  epoch: number;
  /** Completed steps. */
  step: number;
  /** True when stopped by the signal. */
  aborted: boolean;
  /** The checkpoint the run resumed from. */
  resumedFrom?: string;
  /** The last checkpoint written. */
  checkpoint?: string;
}

/** An empty history, to pass as {@link TrainOptions.history}. */
export function newTrainHistory(): TrainHistory {
  return { steps: [], epochs: [], epoch: 0, step: 0, aborted: false };
}

/** `options.history` reset to empty, or a new history. */
function startHistory(history: TrainHistory | undefined): TrainHistory {
  if (history === undefined) return newTrainHistory();
  if (typeof history !== 'object' || history === null) {
    throw new Error(`history must be an object from deconv.dcgan.newTrainHistory(), got ${history === null ? 'null' : typeof history}`);
  }
  delete history.resumedFrom;
  delete history.checkpoint;
  return Object.assign(history, newTrainHistory());
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkShapes(options: TrainOptions, data: ImageSet, zDim: number, classes: number): void {
  const gIn = options.generator.inputs[0].shape;
  if (options.zDim !== undefined && options.zDim !== zDim) {
    const size = classes > 0 ? `${zDim + classes} (zDim ${zDim} + ${classes} classes)` : `${zDim}`;
    throw new Error(`zDim ${options.zDim} does not match the generator's input size ${size}; pass zDim: ${zDim} or rebuild the generator`);
  }
  if (gIn.length !== 2) throw new Error(`the generator must take z as [batch, zDim], its input is ${shapeText(gIn)}`);
  if (zDim < 1) throw new Error(`the generator takes ${gIn[1]} values, too few for ${classes} classes; build it with classes: ${classes}`);
  const gOut = shapeText(options.generator.outputs[0].shape.slice(1));
  const dIn = shapeText(options.discriminator.inputs[0].shape.slice(1));
  const images = shapeText([data.imageSize, data.imageSize, data.channels]);
  const dWants = shapeText([data.imageSize, data.imageSize, data.channels + classes]);
  if (gOut !== images || dIn !== dWants) {
    const planes = classes > 0 ? ` (the data's channels + ${classes} label planes)` : '';
    throw new Error(
      `image shapes disagree: the generator makes ${gOut}, the discriminator takes ${dIn}, the data holds ${images} so D should take ${dWants}${planes}; build both with the data's imageSize and channels${classes > 0 ? ` and classes: ${classes}` : ''}`,
    );
  }
  const dOut = shapeText(options.discriminator.outputs[0].shape.slice(1));
  if (dOut !== '[1]') throw new Error(`the discriminator must output one logit per image, it outputs ${dOut}`);
}

function epochRecord(epoch: number, steps: StepRecord[], seconds: number): EpochRecord {
  const mean = (key: 'dLoss' | 'gLoss' | 'dReal' | 'dFake'): number => steps.reduce((s, r) => s + r[key], 0) / Math.max(1, steps.length);
  return { epoch, steps: steps.length, dLoss: mean('dLoss'), gLoss: mean('gLoss'), dReal: mean('dReal'), dFake: mean('dFake'), seconds };
}

/**
 * Runs a progress callback. When the run is being stopped, an exception from the callback (the kernel's interrupt
 * surfaces in cell code as one) ends training like the signal does instead of losing the history.
 */
async function notify<T>(
  callback: ((record: T) => void | Promise<void>) | undefined,
  record: T,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await callback?.(record);
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

/** The number of classes to condition on (0 for none), after checking that the data has labels in range. */
function checkClasses(option: number | undefined, data: ImageSet): number {
  const classes = option ?? 0;
  if (classes === 0) return 0;
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`classes must be 0 (unconditional) or an integer >= 2, got ${classes}`);
  if (!data.labels)
    throw new Error(`classes: ${classes} needs labelled data, but the data has no labels; use deconv.data.mnist or fashionMnist`);
  const labels = data.labels.dataSync();
  const bad = labels.findIndex((l) => !(l >= 0 && l < classes));
  if (bad >= 0)
    throw new Error(`classes is ${classes} but label ${bad} of the data is ${labels[bad]}; give classes above the largest label`);
  return classes;
}

/** Throws unless the quality option names a dataset with a classifier and the images suit it. */
function checkQuality(option: TrainOptions['quality'], data: ImageSet): void {
  if (!option) return;
  if (option.dataset !== 'mnist' && option.dataset !== 'fashion-mnist')
    throw new Error(`quality.dataset must be 'mnist' or 'fashion-mnist', got ${String(option.dataset)}`);
  if (data.channels !== 1 || (data.imageSize !== 28 && data.imageSize !== 32)) {
    throw new Error(
      `quality needs grey 28×28 (or 32×32) images like ${option.dataset}'s, the data holds ${data.imageSize}×${data.imageSize}×${data.channels}; drop the quality option`,
    );
  }
}

/** Quality of `count` samples of the generator from z fixed by the run's seed (inference mode). */
async function sampleQuality(
  generator: tf.LayersModel,
  zDim: number,
  classes: number,
  seed: number,
  options: NonNullable<TrainOptions['quality']>,
): Promise<Quality> {
  const count = positiveInt('quality.count', options.count ?? 500);
  const images = tf.tidy(() => {
    const z = tf.randomNormal([count, zDim], 0, 1, 'float32', mix32(seed, 0x71)) as tf.Tensor2D;
    // A conditional G draws the classes in turn, so every class has (almost) the same share.
    const input =
      classes > 0
        ? conditionLatent(
            z,
            Array.from({ length: count }, (_, i) => i % classes),
            classes,
          )
        : z;
    return generator.predict(input) as tf.Tensor4D;
  });
  try {
    return await quality(images, { dataset: options.dataset });
  } finally {
    images.dispose();
  }
}

/** The z stream: step `step` of run `seed` always draws the same batch of N(0, 1) vectors. */
export function latentBatch(seed: number, step: number, batchSize: number, zDim: number): tf.Tensor2D {
  return tf.randomNormal([batchSize, zDim], 0, 1, 'float32', mix32(seed, 0x7a, step));
}

/**
 * Trains a DCGAN with Adam (lr 2e-4, β₁ 0.5), batch 128 by default; see {@link trainStep} for one step's work.
 * Deterministic for a seed: epoch e shuffles with (seed, e) and step t draws z from (seed, t), so a resumed run
 * continues exactly where a checkpoint left it.
 */
export async function train(options: TrainOptions): Promise<TrainHistory> {
  // Not `instanceof ImageSet`: a notebook may hold an ImageSet from another copy of this module.
  const data = options.data instanceof tf.Tensor ? new ImageSet(options.data) : options.data;
  const epochs = positiveInt('epochs', options.epochs);
  const batchSize = positiveInt('batchSize', options.batchSize ?? 128);
  const learningRate = options.learningRate ?? 2e-4;
  const beta1 = options.beta1 ?? 0.5;
  const seed = options.seed ?? 0;
  const checkpointEvery = positiveInt('checkpointEvery', options.checkpointEvery ?? 1);
  const signal = withCellSignal(options.signal);
  if (!(learningRate > 0)) throw new Error(`learningRate must be > 0, got ${learningRate}; the paper uses 2e-4`);
  if (!(beta1 >= 0 && beta1 < 1)) throw new Error(`beta1 must be in [0, 1), got ${beta1}; the paper uses 0.5`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (batchSize > data.count)
    throw new Error(`batchSize ${batchSize} is larger than the ${data.count} training images; use a smaller batch`);
  if (options.resume && !options.checkpointDir) throw new Error('resume needs a checkpointDir to resume from');
  const classes = checkClasses(options.classes, data);
  const zDim = (options.generator.inputs[0].shape[1] as number) - classes;
  checkShapes(options, data, zDim, classes);
  checkQuality(options.quality, data);

  const g = new LayerChain(options.generator);
  const d = new LayerChain(options.discriminator);
  const adam = { learningRate, beta1, beta2: 0.999, epsilon: 1e-8 };
  const gOptimizer = new Adam(g.params, adam);
  const dOptimizer = new Adam(d.params, adam);
  const config: CheckpointState['config'] = { seed, batchSize, dataCount: data.count, learningRate, beta1, zDim, classes };
  const history = startHistory(options.history);
  let stepInEpoch = 0;

  const checkpoint = async (): Promise<void> => {
    if (!options.checkpointDir) return;
    const state: CheckpointState = {
      epoch: history.epoch,
      stepInEpoch,
      step: history.step,
      config,
      history: { steps: history.steps, epochs: history.epochs },
    };
    const optimizers = [gOptimizer.state(), dOptimizer.state()];
    try {
      history.checkpoint = await saveCheckpoint(options.checkpointDir, {
        generator: options.generator,
        discriminator: options.discriminator,
        generatorOptimizer: optimizers[0],
        discriminatorOptimizer: optimizers[1],
        state,
      });
    } finally {
      optimizers.forEach((o) => tf.dispose([...o.m, ...o.v]));
    }
  };

  try {
    const from = options.resume ? latestCheckpoint(options.checkpointDir!) : undefined;
    if (from) {
      const saved = await loadCheckpoint(from);
      try {
        checkSameArchitecture('generator', saved.generator, options.generator, from);
        checkSameArchitecture('discriminator', saved.discriminator, options.discriminator, from);
        saved.state.config.classes ??= 0; // checkpoints from before conditioning existed
        for (const key of ['seed', 'batchSize', 'dataCount', 'classes'] as const) {
          if (saved.state.config[key] !== config[key]) {
            throw new Error(
              `${from}: the checkpoint was trained with ${key} ${saved.state.config[key]} but this run has ${config[key]}; resume with the same ${key} or use another checkpointDir`,
            );
          }
        }
        options.generator.setWeights(saved.generator.getWeights());
        options.discriminator.setWeights(saved.discriminator.getWeights());
        gOptimizer.load(saved.generatorOptimizer);
        dOptimizer.load(saved.discriminatorOptimizer);
        const past = saved.state.history as { steps: StepRecord[]; epochs: EpochRecord[] };
        Object.assign(history, {
          steps: past.steps,
          epochs: past.epochs,
          epoch: saved.state.epoch,
          step: saved.state.step,
          resumedFrom: from,
        });
        stepInEpoch = saved.state.stepInEpoch;
      } finally {
        saved.generator.dispose();
        saved.discriminator.dispose();
        [saved.generatorOptimizer, saved.discriminatorOptimizer].forEach((s) => tf.dispose([...s.m, ...s.v]));
      }
    }

    const stepsPerEpoch = Math.floor(data.count / batchSize);
    while (history.epoch < epochs) {
      const started = Date.now();
      const order = shuffledIndices(data.count, mix32(seed, 0xe9, history.epoch));
      for (; stepInEpoch < stepsPerEpoch; stepInEpoch++) {
        if (signal?.aborted) {
          history.aborted = true;
          await checkpoint();
          return history;
        }
        const batch = data.gather(order.subarray(stepInEpoch * batchSize, (stepInEpoch + 1) * batchSize));
        const z = latentBatch(seed, history.step, batchSize, zDim);
        const condition = classes > 0 ? { labels: batch.labels!, classes } : undefined;
        const stats = trainStep(g, d, gOptimizer, dOptimizer, batch.images, z, condition);
        tf.dispose([batch.images, batch.labels, z] as tf.Tensor[]);
        const [dLoss, gLoss, dReal, dFake] = await stats.data();
        stats.dispose();
        history.step += 1;
        const record: StepRecord = { step: history.step, epoch: history.epoch, dLoss, gLoss, dReal, dFake };
        history.steps.push(record);
        await notify(options.onStep, record, signal);
        // Let timers, I/O and abort requests run between steps.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const record = epochRecord(
        history.epoch,
        history.steps.filter((s) => s.epoch === history.epoch),
        (Date.now() - started) / 1000,
      );
      if (options.quality) record.quality = await sampleQuality(options.generator, zDim, classes, seed, options.quality);
      history.epochs.push(record);
      history.epoch += 1;
      stepInEpoch = 0;
      await notify(options.onEpoch, record, signal);
      if (history.epoch % checkpointEvery === 0 || history.epoch === epochs) await checkpoint();
    }
    return history;
  } finally {
    gOptimizer.dispose();
    dOptimizer.dispose();
  }
}
