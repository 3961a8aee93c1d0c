import * as tf from '@tensorflow/tfjs-node';
import { convTransposeOutputSize, kerasTransposeOutputSize, validTransposeOutputSizes } from '../arithmetic';
import { checkInt, checkPair, describe, type Pair } from '../check';
import { planTorchAxes, runTorchNhwc } from '../ops/conv_transpose2d';
import { conv2dTranspose as conv2dTransposeOp } from '../ops/conv2d_transpose';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Initializer = ReturnType<typeof tf.initializers.ones>;
type SerializedInitializer = { className: string; config: tf.serialization.ConfigDict };

/** An initializer: an instance (`tf.initializers.randomNormal({stddev: 0.02})`), a `tf.initializers` name, or its saved form. */
export type InitializerSpec = Initializer | string | SerializedInitializer;

/** Arguments of {@link conv2dTranspose} (also the saved config). */
export interface Conv2DTransposeArgs extends LayerArgs {
  /** Output channels. */
  filters: number;
  /** Kernel size, an int or `[kh, kw]`. */
  kernelSize: number | Pair;
  /** Stride, an int or `[sh, sw]` (default 1). */
  strides?: number | Pair;
  /**
   * 'same' / 'valid' (TF: the forward convolution's padding, odd pixel after), or a number / pair p cropped
   * from both sides (PyTorch's `padding`). Default 'valid'.
   */
  padding?: 'same' | 'valid' | number | Pair;
  /**
   * With 'same'/'valid': the index among TF's valid output sizes (smallest + outputPadding, < stride); unset
   * gives Keras's size (i·s, or i·s + max(k_eff − s, 0) for 'valid'). With a numeric padding: PyTorch's
   * `output_padding` (< max(stride, dilation), default 0).
   */
  outputPadding?: number | Pair | null;
  /** Dilation, an int or `[dh, dw]` (default 1). */
  dilation?: number | Pair;
  /** Whether to add a per-channel bias (default true). */
  useBias?: boolean;
  /** Kernel initializer (default 'glorotUniform'). */
  kernelInitializer?: InitializerSpec;
  /** Bias initializer (default 'zeros'). */
  biasInitializer?: InitializerSpec;
}

function toInitializer(spec: InitializerSpec, name: string): Initializer {
  if (typeof spec === 'string') {
    const factory = (tf.initializers as unknown as Record<string, unknown>)[spec];
    if (typeof factory === 'function') return (factory as (args: object) => Initializer)({});
    throw new Error(
      `${name} '${spec}' is not a tf.initializers name: use e.g. 'glorotUniform', 'heNormal', 'zeros' or pass an initializer`,
    );
  }
  if (typeof (spec as Initializer).apply === 'function') return spec as Initializer;
  const { className, config } = spec as SerializedInitializer;
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`${name}: unknown initializer class ${describe(className)}; pass an initializer or a tf.initializers name`);
  return entry[1](entry[0], config) as unknown as Initializer;
}

function serializeInitializer(init: Initializer): SerializedInitializer {
  return { className: init.getClassName(), config: init.getConfig() };
}

function checkPadding(padding: unknown): 'same' | 'valid' | Pair {
  if (padding === 'same' || padding === 'valid') return padding;
  if (padding === 'SAME' || padding === 'VALID') return padding.toLowerCase() as 'same' | 'valid';
  if (typeof padding === 'number' || Array.isArray(padding)) return checkPair('padding', padding, 0);
  throw new Error(`padding must be 'same', 'valid', a non-negative integer or a [height, width] pair, got ${describe(padding)}`);
}

/**
 * Transposed convolution layer (NHWC, kernel `[kh, kw, filters, inChannels]` as Keras) that reaches every
 * valid output size through `outputPadding`, with TF ('same'/'valid') or PyTorch (numeric) padding.
 */
export class Conv2DTranspose extends tf.layers.Layer {
  /** Name under which the layer is saved and loaded with a model. */
  static className = 'DeconvlabConv2DTranspose';
  private readonly filters: number;
  private readonly kernelSize: Pair;
  private readonly strides: Pair;
  private readonly padding: 'same' | 'valid' | Pair;
  private readonly outputPadding: Pair | null;
  private readonly dilation: Pair;
  private readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: Conv2DTransposeArgs) {
    super(args);
    this.filters = checkInt('filters', args.filters, 1);
    this.kernelSize = checkPair('kernelSize', args.kernelSize, 1);
    this.strides = checkPair('strides', args.strides ?? 1, 1);
    this.padding = checkPadding(args.padding ?? 'valid');
    this.outputPadding = args.outputPadding == null ? null : checkPair('outputPadding', args.outputPadding, 0);
    this.dilation = checkPair('dilation', args.dilation ?? 1, 1);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = toInitializer(args.kernelInitializer ?? 'glorotUniform', 'kernelInitializer');
    this.biasInitializer = toInitializer(args.biasInitializer ?? 'zeros', 'biasInitializer');
    if (typeof this.padding === 'string' && this.outputPadding !== null) {
      this.outputPadding.forEach((op, a) => {
        if (op >= this.strides[a]) {
          throw new Error(
            `outputPadding must be smaller than the stride ${this.strides[a]} with padding '${this.padding}', got ${op}: ` +
              `TF accepts exactly stride-many output sizes, picked by outputPadding 0..${this.strides[a] - 1}`,
          );
        }
      });
    }
  }

  /** Output size along axis `a` for input size `i`. */
  private outputSize(i: number, a: number): number {
    const [k, s, d] = [this.kernelSize[a], this.strides[a], this.dilation[a]];
    const op = this.outputPadding?.[a] ?? null;
    if (typeof this.padding !== 'string') return convTransposeOutputSize(i, k, s, this.padding[a], op ?? 0, d);
    if (op === null) return kerasTransposeOutputSize(i, k, s, this.padding, d);
    return validTransposeOutputSizes(i, k, s, this.padding, d)[0] + op;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inChannels = shape[3];
    if (shape.length !== 4 || inChannels == null) {
      throw new Error(`${this.name} needs input [batch, height, width, channels] with known channels, got ${describe(shape)}`);
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, this.filters, inChannels], 'float32', this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [n, h == null ? null : this.outputSize(h, 0), w == null ? null : this.outputSize(w, 1), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const kernel = this.kernel!.read() as tf.Tensor4D;
      const [n, h, w] = x.shape;
      const y =
        typeof this.padding === 'string'
          ? conv2dTransposeOp(
              x,
              kernel,
              [n, this.outputSize(h, 0), this.outputSize(w, 1), this.filters],
              this.strides,
              this.padding,
              'NHWC',
              this.dilation,
            )
          : runTorchNhwc(
              x,
              kernel,
              planTorchAxes([h, w], this.kernelSize, {
                stride: this.strides,
                padding: this.padding,
                outputPadding: this.outputPadding ?? 0,
                dilation: this.dilation,
              }),
            );
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      outputPadding: this.outputPadding,
      dilation: this.dilation,
      useBias: this.useBias,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
    };
  }
}
tf.serialization.registerClass(Conv2DTranspose);

/** A transposed-convolution layer for `tf.sequential` / `tf.model` that reaches every valid output size and saves with the model. */
export function conv2dTranspose(args: Conv2DTransposeArgs): Conv2DTranspose {
  return new Conv2DTranspose(args);
}
