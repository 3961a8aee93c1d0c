import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import { join } from 'path';
import { createInterface, Interface } from 'readline';
import type { Timer } from '../interleave';

/** Repository root (bench/dist/reference → ../../..). */
const ROOT = join(__dirname, '..', '..', '..');

/** The bench virtualenv's python (`.venv-bench`, made by bench/run.mjs from bench/requirements.txt). */
export const BENCH_PYTHON = join(ROOT, '.venv-bench', 'bin', 'python');

/** A long-lived bench/reference/worker.py process that sets up and times TF-Python and PyTorch cases on request. */
export class PythonWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly pending: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];

  /**
   * Starts the worker with this process's environment, so TensorFlow gets the same TF_ENABLE_ONEDNN_OPTS as ours
   * (deconvlab sets '1' unless the user chose); `tfDefaultOnednn` removes the variable, leaving TF's own CPU-based default.
   */
  constructor({ tfDefaultOnednn = false } = {}) {
    const env = { ...process.env };
    if (tfDefaultOnednn) delete env.TF_ENABLE_ONEDNN_OPTS;
    this.child = spawn(BENCH_PYTHON, [join(ROOT, 'bench', 'reference', 'worker.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.resolve(line));
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.splice(0)) waiter.reject(new Error(`bench worker exited with ${code}`));
    });
  }

  /** Sends one request and resolves with the worker's JSON reply. */
  request<T>(message: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve: (line) => resolve(JSON.parse(line) as T), reject });
      this.child.stdin.write(JSON.stringify(message) + '\n');
    });
  }

  /** Sets up (and warms up) one case in the worker and returns a timer that runs it there. */
  async setup(id: string, framework: 'tf' | 'torch', caseSpec: object): Promise<Timer> {
    await this.request({ op: 'setup', id, framework, case: caseSpec });
    return async (reps) => (await this.request<{ ms: number[] }>({ op: 'time', id, reps })).ms;
  }

  /** Ends the worker. */
  close(): void {
    this.child.stdin.end();
    this.lines.close();
  }
}
