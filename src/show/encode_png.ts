import * as tf from '@tensorflow/tfjs-node';

type PngBackend = { encodePng(data: Uint8Array, shape: number[], compression: number): tf.Tensor };

/**
 * Encodes uint8 pixels `[height, width, channels]` as base64 PNG with TensorFlow's native EncodePng op.
 *
 * Why not `tf.node.encodePng`: it runs the same backend op but is async only because it awaits
 * `tensor.data()`; display helpers must be synchronous so the output lands in the cell that asked for it.
 */
export function encodePngBase64(pixels: Uint8Array, height: number, width: number, channels: 1 | 3 | 4): string {
  if (pixels.length !== height * width * channels) {
    throw new Error(`encodePngBase64: ${pixels.length} bytes do not fill ${height}x${width}x${channels}; pass height*width*channels bytes`);
  }
  const backend = tf.backend() as unknown as Partial<PngBackend>;
  if (typeof backend.encodePng !== 'function') {
    throw new Error(`encodePngBase64: the '${tf.getBackend()}' backend has no native PNG encoder; use tfjs-node's 'tensorflow' backend (tf.setBackend('tensorflow'))`);
  }
  const encoded = backend.encodePng(pixels, [height, width, channels], 1);
  try {
    const bytes = encoded.dataSync() as unknown as Uint8Array[];
    return Buffer.from(bytes[0]).toString('base64');
  } finally {
    encoded.dispose();
  }
}
