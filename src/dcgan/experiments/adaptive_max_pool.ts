import * as tf from '@tensorflow/tfjs-node';

/**
 * Max-pools `[N, H, W, C]` maps to a `size`×`size` grid whatever H and W are (PyTorch's AdaptiveMaxPool2d): cell i
 * along an axis of length L covers rows ⌊i·L/size⌋ … ⌈(i+1)·L/size⌉ − 1, so cells overlap when L is not a multiple
 * of `size` and repeat values when L < size.
 */
export function adaptiveMaxPool(x: tf.Tensor, size: number): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`adaptiveMaxPool: expected maps [N, H, W, C], got shape [${x.shape.join(', ')}]`);
  if (!Number.isInteger(size) || size < 1) throw new Error(`adaptiveMaxPool: size must be an integer >= 1, got ${size}`);
  const maps = x as tf.Tensor4D;
  const [n, h, w, c] = maps.shape;
  if (h % size === 0 && w % size === 0) return tf.maxPool(maps, [h / size, w / size], [h / size, w / size], 'valid');
  const range = (i: number, length: number): [number, number] => {
    const start = Math.floor((i * length) / size);
    return [start, Math.ceil(((i + 1) * length) / size) - start];
  };
  return tf.tidy(() => {
    const rows = Array.from({ length: size }, (_, i) => {
      const [top, height] = range(i, h);
      const cells = Array.from({ length: size }, (_, j) => {
        const [left, width] = range(j, w);
        return tf.max(tf.slice(x, [0, top, left, 0], [n, height, width, c]), [1, 2]);
      });
      return tf.stack(cells, 1);
    });
    return tf.stack(rows, 1) as tf.Tensor4D;
  });
}
