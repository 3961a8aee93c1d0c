/**
 * TensorFlow's oneDNN kernels on by default. libtensorflow reads TF_ENABLE_ONEDNN_OPTS once, when it loads, and
 * without it turns oneDNN on only on CPUs with AVX-512 VNNI/BF16 or AMX; on AVX2 CPUs its Eigen fallback runs the
 * DCGAN's transposed convolutions 2–6× slower. This module sets '1' unless the user chose a value (`0` turns oneDNN
 * off), so it must be imported before anything that loads @tensorflow/tfjs-node.
 */
process.env.TF_ENABLE_ONEDNN_OPTS ??= '1';

export {};
