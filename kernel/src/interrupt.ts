/**
 * Interrupting running cells, from a signal or an `interrupt_request`, even while the main thread is busy.
 *
 * A busy cell blocks the event loop, so no JavaScript on the main thread can notice an interrupt.
 * The control worker (see control_worker.ts) sets `flag[0]` in shared memory instead, and the guards
 * that loop_guard.ts inserts at the head of every loop and function body in cell code read it and
 * throw. A cell awaiting a promise ends at once (the cell runner stops waiting for it), and the
 * cell's context is marked so that any loop it left running in the background throws at its next
 * iteration and its code stops when an await resumes (async guards read the context through
 * AsyncLocalStorage).
 */
import { AsyncLocalStorage } from 'async_hooks';

/** The global through which instrumented cell code reaches the guards. */
export const GUARD_GLOBAL = '__deconvlab_interrupt__';

/** Thrown in an interrupted cell. */
export class InterruptError extends Error {
  override name = 'InterruptError';
  constructor() {
    super('Execution interrupted by the user (kernel interrupt)');
  }
}

interface CellContext {
  interrupted: boolean;
  /** Aborted on interrupt: deconvlab's cell signal, so library loops (training) stop cleanly. */
  abort: AbortController;
}

/** The guards instrumented code calls (installed on globalThis under {@link GUARD_GLOBAL}). */
export interface Guards {
  /** Shared flag: `flag[0] !== 0` means "interrupt the running cell". */
  readonly flag: Int32Array;
  /** Called by sync guards when the flag is set: throws. */
  hit(): never;
  /** The guard of loops in async code: throws when the flag is set or this async chain's cell was interrupted. */
  check(): void;
  /** Wraps each `await` in cell code: the rest of an interrupted cell does not run when its await settles later. */
  resumed<T>(value: T): T;
}

/** Owns the shared interrupt flag and the running cell's context. */
export class InterruptController {
  private readonly cells = new AsyncLocalStorage<CellContext>();
  private running: CellContext | undefined;

  /**
   * @param flag shared with the control worker, which sets `flag[0]` to 1 on `interrupt_request` and SIGINT
   * @param interruptAwait ends the running cell's wait for its pending top-level await
   */
  constructor(
    readonly flag: Int32Array,
    private readonly interruptAwait: () => void,
  ) {}

  /** The running cell's AbortSignal (what deconvlab's `cellSignal()` returns in this kernel). */
  cellSignal(): AbortSignal | undefined {
    return this.cells.getStore()?.abort.signal;
  }

  /** Installs the guards instrumented cell code calls. */
  install(): void {
    const check = () => {
      if (Atomics.load(this.flag, 0) !== 0) this.hit();
      if (this.cells.getStore()?.interrupted) throw new InterruptError();
    };
    const guards: Guards = {
      flag: this.flag,
      hit: () => this.hit(),
      check,
      resumed: (value) => {
        check();
        return value;
      },
    };
    Object.defineProperty(globalThis, GUARD_GLOBAL, { value: guards, enumerable: false });
  }

  /** Runs one cell; interrupt requests that arrived before it started are dropped, as in ipykernel. */
  async run<T>(cell: () => Promise<T>): Promise<T> {
    const context: CellContext = { interrupted: false, abort: new AbortController() };
    Atomics.store(this.flag, 0, 0);
    this.running = context;
    try {
      return await this.cells.run(context, cell);
    } finally {
      this.running = undefined;
      Atomics.store(this.flag, 0, 0);
    }
  }

  /** Requests an interrupt from the main thread (SIGINT handler, or the worker's notice once the loop is free). */
  request(): void {
    Atomics.store(this.flag, 0, 1);
    this.interruptPending();
  }

  /** Acts on a flag the control worker set, if no guard consumed it meanwhile. */
  interruptPending(): void {
    if (Atomics.load(this.flag, 0) === 0 || !this.running) return;
    this.markInterrupted(this.running);
    this.interruptAwait();
  }

  private hit(): never {
    if (this.running) this.markInterrupted(this.running);
    throw new InterruptError();
  }

  private markInterrupted(context: CellContext): void {
    context.interrupted = true;
    context.abort.abort(new InterruptError());
  }
}
