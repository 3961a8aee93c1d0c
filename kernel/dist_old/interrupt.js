"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InterruptController = exports.InterruptError = exports.GUARD_GLOBAL = void 0;
/**
 * Interrupting running cells, from a signal or an `interrupt_request`, even while the main thread is busy.
 *
 * A busy cell blocks the event loop, so no JavaScript on the main thread can notice an interrupt.
 * The control worker (see control_worker.ts) sets `flag[0]` in shared memory instead, and the guards
 * that loop_guard.ts inserts at the head of every loop and function body in cell code read it and
 * throw. Cells awaiting a promise are interrupted through tslab's executor (`executor.interrupt()`
 * rejects its pending top-level await), and the cell's context is marked so that any loop it left
 * running in the background throws at its next iteration (async guards read the context through
 * AsyncLocalStorage).
 */
const async_hooks_1 = require("async_hooks");
/** The global through which instrumented cell code reaches the guards. */
exports.GUARD_GLOBAL = '__deconvlab_interrupt__';
/** Thrown in an interrupted cell. */
class InterruptError extends Error {
    name = 'InterruptError';
    constructor() {
        super('Execution interrupted by the user (kernel interrupt)');
    }
}
exports.InterruptError = InterruptError;
/** Owns the shared interrupt flag and the running cell's context. */
class InterruptController {
    flag;
    interruptAwait;
    cells = new async_hooks_1.AsyncLocalStorage();
    running;
    /**
     * @param flag shared with the control worker, which sets `flag[0]` to 1 on `interrupt_request` and SIGINT
     * @param interruptAwait rejects the running cell's pending await (tslab's `executor.interrupt`)
     */
    constructor(flag, interruptAwait) {
        this.flag = flag;
        this.interruptAwait = interruptAwait;
    }
    /** The running cell's AbortSignal (what deconvlab's `cellSignal()` returns in this kernel). */
    cellSignal() {
        return this.cells.getStore()?.abort.signal;
    }
    /** Installs the guards instrumented cell code calls. */
    install() {
        const guards = {
            flag: this.flag,
            hit: () => this.hit(),
            check: () => {
                if (Atomics.load(this.flag, 0) !== 0)
                    this.hit();
                if (this.cells.getStore()?.interrupted)
                    throw new InterruptError();
            },
        };
        Object.defineProperty(globalThis, exports.GUARD_GLOBAL, { value: guards, enumerable: false });
    }
    /** Runs one cell; interrupt requests that arrived before it started are dropped, as in ipykernel. */
    async run(cell) {
        const context = { interrupted: false, abort: new AbortController() };
        Atomics.store(this.flag, 0, 0);
        this.running = context;
        try {
            return await this.cells.run(context, cell);
        }
        finally {
            this.running = undefined;
            Atomics.store(this.flag, 0, 0);
        }
    }
    /** Requests an interrupt from the main thread (SIGINT handler, or the worker's notice once the loop is free). */
    request() {
        Atomics.store(this.flag, 0, 1);
        this.interruptPending();
    }
    /** Acts on a flag the control worker set, if no guard consumed it meanwhile. */
    interruptPending() {
        if (Atomics.load(this.flag, 0) === 0 || !this.running)
            return;
        this.markInterrupted(this.running);
        this.interruptAwait();
    }
    hit() {
        if (this.running)
            this.markInterrupted(this.running);
        throw new InterruptError();
    }
    markInterrupted(context) {
        context.interrupted = true;
        context.abort.abort(new InterruptError());
    }
}
exports.InterruptController = InterruptController;
