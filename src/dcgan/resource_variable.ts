/**
 * A TensorFlow resource variable in tfjs-node: a float32 buffer that TensorFlow kernels such as ApplyAdam update in
 * place, which tfjs's immutable tensors cannot be. The handle is a tfjs tensor (TF_RESOURCE, shown as 'string').
 */
import * as tf from '@tensorflow/tfjs-node';
import { nodeBackend } from './native_ops';

let created = 0;

/** One float32 TensorFlow resource variable; {@link dispose} frees it. */
export class ResourceVariable {
  /** The resource handle, an input of resource ops such as ResourceApplyAdam. */
  readonly handle: tf.Tensor;

  /** A new variable holding `initial` (its shape is fixed from then on). */
  constructor(initial: tf.Tensor) {
    const backend = nodeBackend();
    const { binding } = backend;
    // Eager handles with the same name share one buffer: each gets a name of its own.
    this.handle = tf.tidy(() =>
      backend.executeSingleOutput(
        'VarHandleOp',
        [
          { name: 'container', type: binding.TF_ATTR_STRING, value: '' },
          { name: 'shared_name', type: binding.TF_ATTR_STRING, value: `deconvlab-${process.pid}-${created++}` },
          { name: 'dtype', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT },
          { name: 'shape', type: binding.TF_ATTR_SHAPE, value: initial.shape },
        ],
        [],
      ),
    );
    this.assign(initial);
  }

  /** Makes the variable hold `value` (TensorFlow shares the buffer until either side changes). */
  assign(value: tf.Tensor): void {
    const backend = nodeBackend();
    backend.executeMultipleOutputs('AssignVariableOp', [this.dtypeAttr()], [this.handle, value], 0);
  }

  /** The current value as a new tfjs tensor (sharing the buffer; an in-place update first copies it). */
  read(): tf.Tensor {
    return nodeBackend().executeSingleOutput('ReadVariableOp', [this.dtypeAttr()], [this.handle]);
  }

  /** Frees the buffer and the handle. */
  dispose(): void {
    const backend = nodeBackend();
    backend.executeMultipleOutputs(
      'DestroyResourceOp',
      [{ name: 'ignore_lookup_error', type: backend.binding.TF_ATTR_BOOL, value: true }],
      [this.handle],
      0,
    );
    this.handle.dispose();
  }

  private dtypeAttr() {
    const { binding } = nodeBackend();
    return { name: 'dtype', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT };
  }
}
