/**
 * The shared memory through which an `input_reply` reaches a main thread that waits for it: the
 * stdin socket lives on the shell worker, and a synchronous `prompt()` blocks the main thread in
 * `Atomics.wait` until the worker stores the answer here (or an interrupt wakes it).
 *
 * An interrupt cancels the pending request at once (from the control worker), so the next cell can ask
 * again even before the interrupted wait has woken up to notice; the generation counter tells that
 * wait its request is gone.
 *
 * Layout: Int32 state, Int32 byte length, Int32 generation, then the UTF-8 answer (truncated to the capacity).
 */

const IDLE = 0;
const WAITING = 1;
const ANSWERED = 2;
const HEADER_BYTES = 12;
/** Waits re-check the interrupt condition at least this often (a notify can race the check). */
const RECHECK_MS = 250;

/** `Atomics.waitAsync` (Node.js ≥ 16; TypeScript declares it only from lib ES2024, newer than this project's ES2022). */
type WaitAsync = (array: Int32Array, index: number, value: number, timeoutMs: number) => { value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** One pending input request at a time, shared between the main thread and the shell worker. */
export class InputSlot {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;

  /** Memory for a slot answering up to `capacity` bytes. */
  static allocate(capacity = 1 << 20): SharedArrayBuffer {
    return new SharedArrayBuffer(HEADER_BYTES + capacity);
  }

  constructor(readonly memory: SharedArrayBuffer) {
    this.header = new Int32Array(memory, 0, 3);
    this.bytes = new Uint8Array(memory, HEADER_BYTES);
  }

  /** Main thread: marks a request as pending (throws if one already is); returns its generation, to wait with. */
  begin(): number {
    if (Atomics.compareExchange(this.header, 0, IDLE, WAITING) !== IDLE) {
      throw new Error('another input request is still waiting for its answer; answer it (or interrupt) before asking again');
    }
    return Atomics.load(this.header, 2);
  }

  /** Worker: stores `text` as the answer if a request is pending; false when none is (a late reply). */
  answer(text: string): boolean {
    if (Atomics.load(this.header, 0) !== WAITING) return false;
    const { written } = new TextEncoder().encodeInto(text, this.bytes);
    Atomics.store(this.header, 1, written);
    Atomics.store(this.header, 0, ANSWERED);
    Atomics.notify(this.header, 0);
    return true;
  }

  /** Control worker, on interrupt or shutdown: drops the pending request (answered or not) and wakes its wait. */
  cancel(): void {
    if (Atomics.exchange(this.header, 0, IDLE) !== IDLE) Atomics.add(this.header, 2, 1);
    Atomics.notify(this.header, 0);
  }

  /** Main thread: blocks until the answer to request `generation` arrives (the text), or it is cancelled or `interrupted()` holds (undefined; the request is dropped). */
  waitSync(generation: number, interrupted: () => boolean): string | undefined {
    for (;;) {
      const settled = this.settle(generation, interrupted);
      if (settled) return settled.answer;
      Atomics.wait(this.header, 0, WAITING, RECHECK_MS);
    }
  }

  /** The asynchronous {@link waitSync}: the event loop stays free while waiting. */
  async waitAsync(generation: number, interrupted: () => boolean): Promise<string | undefined> {
    for (;;) {
      const settled = this.settle(generation, interrupted);
      if (settled) return settled.answer;
      await waitAsync(this.header, 0, WAITING, RECHECK_MS).value;
    }
  }

  /** Ends the wait when answered (taking the text), cancelled, or interrupted (dropping the request). */
  private settle(generation: number, interrupted: () => boolean): { answer: string | undefined } | undefined {
    if (Atomics.load(this.header, 2) !== generation) return { answer: undefined };
    if (Atomics.load(this.header, 0) === ANSWERED) {
      const answer = new TextDecoder().decode(this.bytes.slice(0, Atomics.load(this.header, 1)));
      Atomics.store(this.header, 0, IDLE);
      return { answer };
    }
    if (interrupted()) {
      // Only if still waiting: an answer stored meanwhile is dropped with the request.
      Atomics.store(this.header, 0, IDLE);
      return { answer: undefined };
    }
    return undefined;
  }
}
