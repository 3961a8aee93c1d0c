import type * as tf from '@tensorflow/tfjs-node';

/** A shape as text, `?` for unknown (batch) dimensions. */
export const shapeText = (shape: readonly (number | null)[]): string => `[${shape.map((d) => d ?? '?').join(', ')}]`;

/**
 * Throws unless `current` can take `saved`'s weights: same input and output shapes (naming a z-size or image-size
 * mismatch as such) and the same weights, by name and shape, in the same order.
 */
export function checkSameArchitecture(
  role: 'generator' | 'discriminator',
  saved: tf.LayersModel,
  current: tf.LayersModel,
  source: string,
): void {
  const fix = `build the ${role} with the checkpoint's options or use another checkpointDir`;
  const savedIn = saved.inputs[0].shape.slice(1);
  const currentIn = current.inputs[0].shape.slice(1);
  if (shapeText(savedIn) !== shapeText(currentIn)) {
    const what =
      role === 'generator'
        ? `z size (zDim) ${savedIn[0]} but this generator takes ${currentIn[0]}`
        : `images ${shapeText(savedIn)} but this discriminator takes ${shapeText(currentIn)}`;
    throw new Error(`${source}: the checkpoint's ${role} takes ${what}; ${fix}`);
  }
  const savedOut = saved.outputs[0].shape.slice(1);
  const currentOut = current.outputs[0].shape.slice(1);
  if (shapeText(savedOut) !== shapeText(currentOut)) {
    throw new Error(
      `${source}: the checkpoint's ${role} outputs ${shapeText(savedOut)} but this one outputs ${shapeText(currentOut)}; ${fix}`,
    );
  }
  const a = saved.weights;
  const b = current.weights;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ? `'${a[i].originalName}' ${shapeText(a[i].shape)}` : 'nothing';
    const right = b[i] ? `'${b[i].originalName}' ${shapeText(b[i].shape)}` : 'nothing';
    if (left !== right) {
      throw new Error(
        `${source}: a different ${role} architecture: weight ${i} is ${left} in the checkpoint but ${right} here (${a.length} vs ${b.length} weights); ${fix}`,
      );
    }
  }
}
