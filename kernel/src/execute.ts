/**
 * `execute_request`: execution count, `execute_input`, the cell run, `execute_result` or `error`,
 * history, and aborting the execute requests already queued behind a failed cell when `stop_on_error` asks for it.
 */
import type { CellRunner } from './cell_runner';
import { wireBundle } from './display';
import { type ErrorReport, reportThrown } from './error_report';
import type { History } from './history';
import type { Iopub } from './iopub';
import { booleanField, stringField } from './request_content';
import { resultBundle } from './result_bundle';
import type { Message } from './wire';

/** What the handler needs from the kernel. */
export interface ExecuteContext {
  iopub: Iopub;
  history: History;
  /** Resolves to the runner once the preload has run. */
  runner(): Promise<CellRunner>;
  /** Makes `request` the parent of stream and display output from now on. */
  setOutputParent(request: Message): void;
  /** An error to show on the first cell (the preload's), if any. */
  takeStartupError(): string | undefined;
  /** The arrival number of the last shell message the kernel has read (see shell_worker.ts). */
  receivedSoFar(): number;
}

/** Handles execute requests one at a time. */
export class ExecuteHandler {
  private count = 0;
  /** Execute requests that arrived up to this number when a `stop_on_error` cell failed are aborted. */
  private abortThrough = 0;

  constructor(private readonly context: ExecuteContext) {}

  /** Runs the cell and returns the `execute_reply` content; `received` is the request's arrival number. */
  async handle(request: Message, received: number): Promise<Record<string, unknown>> {
    const code = stringField(request, 'code', '');
    const silent = booleanField(request, 'silent', false);
    const storeHistory = booleanField(request, 'store_history', !silent);
    const stopOnError = booleanField(request, 'stop_on_error', true);
    // Queued behind a failed cell (e.g. "run all"): aborted by arrival order, as ipykernel does, whatever the clocks say.
    if (received <= this.abortThrough) return { status: 'aborted' };
    const { iopub } = this.context;
    const record = storeHistory && !silent;
    if (record) this.count++;
    const count = this.count;
    this.context.setOutputParent(request);
    if (!silent) iopub.publish('execute_input', { code, execution_count: count }, request);
    const startupError = this.context.takeStartupError();
    if (startupError) iopub.stream('stderr', startupError, request);
    const runner = await this.context.runner();
    // Let busy and execute_input leave before a cell that may block the event loop for long.
    await iopub.drained();
    const outcome = await runner.run(code, `Cell In[${count}]`);
    if (outcome.ok) {
      for (const warning of outcome.warnings) iopub.stream('stderr', `${warning}\n`, request);
      let text: string | null = null;
      if (outcome.hasValue && !silent) {
        let data;
        try {
          data = wireBundle(resultBundle(outcome.value));
        } catch (e) {
          return this.fail(request, reportThrown(e), count, silent, stopOnError);
        }
        text = typeof data['text/plain'] === 'string' ? data['text/plain'] : null;
        iopub.publish('execute_result', { execution_count: count, data, metadata: {} }, request);
      }
      if (record) this.context.history.add(count, code, text);
      return { status: 'ok', execution_count: count, payload: [], user_expressions: {} };
    }
    if (record) this.context.history.add(count, code, null);
    return this.fail(request, outcome.error, count, silent, stopOnError);
  }

  private fail(request: Message, error: ErrorReport, count: number, silent: boolean, stopOnError: boolean): Record<string, unknown> {
    if (!silent) this.context.iopub.publish('error', { ...error }, request);
    if (stopOnError && !silent) this.abortThrough = this.context.receivedSoFar();
    return { status: 'error', execution_count: count, ...error };
  }
}
