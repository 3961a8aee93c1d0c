// One epoch of deconv.dcgan.train in a fresh process for bench/memory.bench.ts; argv[2] is a TrainRunConfig as JSON,
// the last stdout line the TrainRunFigures.
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { readFileSync } from 'fs';
import { peakRssMB } from './peak_rss';
import type { TrainRunConfig, TrainRunFigures } from './train_run';

function loadImages(config: TrainRunConfig): tf.Tensor4D {
  const { imageSize, channels } = config.arch;
  const bytes = readFileSync(config.file);
  return tf.tensor4d(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), [
    config.count,
    imageSize,
    imageSize,
    channels,
  ]);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]) as TrainRunConfig;
  const images = loadImages(config);
  const generator = deconv.dcgan.generator({ ...config.arch, seed: 1 });
  const discriminator = deconv.dcgan.discriminator({ ...config.arch, seed: 2 });
  const started = process.hrtime.bigint();
  const history = await deconv.dcgan.train({ generator, discriminator, data: images, epochs: 1, batchSize: config.batch });
  const figures: TrainRunFigures = { peak_mb: peakRssMB(), train_s: Number(process.hrtime.bigint() - started) / 1e9, steps: history.step };
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
