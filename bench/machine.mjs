// bench/results/machine.json: what the figures were measured on — CPU, its vector extensions (the CPU class decides
// TensorFlow's kernels), whether TensorFlow's oneDNN kernels were on, and versions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const EXTENSIONS = ['avx2', 'fma', 'avx512f', 'avx512_vnni', 'avx512_bf16', 'amx_tile', 'amx_bf16', 'amx_int8'];

/** The vector extensions of EXTENSIONS that /proc/cpuinfo lists for the first CPU. */
function vectorExtensions() {
  const flags = new Set((readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '').trim().split(/\s+/));
  return EXTENSIONS.filter((e) => flags.has(e));
}

/** 'AVX-512' or 'AVX2' (or 'older'): the class whose results table in bench/README.md these figures belong to. */
function cpuClass(extensions) {
  return extensions.includes('avx512f') ? 'AVX-512' : extensions.includes('avx2') ? 'AVX2' : 'older than AVX2';
}

/** Loads tfjs-node in a child with `env` and TF's info logs on: its TF version and whether TF said oneDNN is on. */
function tensorflow(root, env) {
  const child = spawnSync(
    process.execPath,
    ['-e', "const tf=require('@tensorflow/tfjs-node');console.log(tf.backend().binding.TF_Version)"],
    { cwd: root, env: { ...env, TF_CPP_MIN_LOG_LEVEL: '0' }, encoding: 'utf8' },
  );
  return { version: child.stdout.trim(), onednn: child.stderr.includes('oneDNN custom operations are on') };
}

/** The machine record for the benchmark child processes' environment `env`. */
export function machine(root, env) {
  const extensions = vectorExtensions();
  const tf = tensorflow(root, env);
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpuClass: cpuClass(extensions),
    vectorExtensions: extensions,
    amx: extensions.some((e) => e.startsWith('amx')),
    onednn: {
      on: tf.onednn,
      TF_ENABLE_ONEDNN_OPTS: env.TF_ENABLE_ONEDNN_OPTS ?? null,
      isaCap: env.ONEDNN_MAX_CPU_ISA ?? env.DNNL_MAX_CPU_ISA ?? null,
    },
    node: process.versions.node,
    tensorflow: tf.version,
  };
}
