import type { IdxSource } from './idx_files';
import { type IdxDatasetOptions, idxImageSet } from './idx_image_set';
import type { ImageSet } from './image_set';

/** Options of {@link fashionMnist}. */
export type FashionMnistOptions = IdxDatasetOptions;

/** Fashion-MNIST's class names, by label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** The gzipped idx files of Debian's package dataset-fashion-mnist (0.0~git20200523.55506a9-1, MIT). */
export const FASHION_MNIST_SOURCE: IdxSource = {
  name: 'fashion-mnist',
  directory: () => '/usr/share/datasets/fashion-mnist',
  files: {
    train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
    test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
  },
  sha256: {
    'train-images-idx3-ubyte.gz': 'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7',
    'train-labels-idx1-ubyte.gz': '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056',
    't10k-images-idx3-ubyte.gz': 'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa',
    't10k-labels-idx1-ubyte.gz': '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05',
  },
  gzip: true,
  install:
    "install Debian's package dataset-fashion-mnist (`npm run setup` does it when run as root; otherwise `sudo apt-get install dataset-fashion-mnist`)",
};

/** Fashion-MNIST (Xiao et al. 2017): 60,000 training and 10,000 test 28×28 clothing images, labels 0–9 ({@link FASHION_MNIST_CLASSES}). */
export function fashionMnist(options: FashionMnistOptions = {}): ImageSet {
  return idxImageSet(FASHION_MNIST_SOURCE, options);
}
