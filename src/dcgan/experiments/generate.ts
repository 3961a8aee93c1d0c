import * as tf from '@tensorflow/tfjs-node';

/** `generator`'s images for the latent batch `z` (inference mode), after checking z's size against its input. */
export function generate(generator: tf.LayersModel, z: tf.Tensor, batchSize = 64): tf.Tensor4D {
  const zDim = generator.inputs[0].shape[1];
  if (generator.inputs[0].shape.length !== 2 || z.rank !== 2 || z.shape[1] !== zDim) {
    throw new Error(
      `generator '${generator.name}' takes z of shape [N, ${zDim}] but got [${z.shape.join(', ')}]; draw z with the generator's zDim`,
    );
  }
  const images = generator.predict(z, { batchSize }) as tf.Tensor;
  if (images.rank !== 4) {
    const shape = images.shape;
    images.dispose();
    throw new Error(`generator '${generator.name}' must output images [N, H, W, C], got shape [${shape.join(', ')}]`);
  }
  return images as tf.Tensor4D;
}
