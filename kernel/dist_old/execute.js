"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExecuteHandler = void 0;
const result_bundle_1 = require("./result_bundle");
const display_1 = require("./display");
const error_report_1 = require("./error_report");
/** Handles execute requests one at a time. */
class ExecuteHandler {
    context;
    count = 0;
    /** When the last cell with `stop_on_error` failed (epoch ms). */
    failedAt = Number.NEGATIVE_INFINITY;
    constructor(context) {
        this.context = context;
    }
    /** Runs the cell and returns the `execute_reply` content. */
    async handle(request) {
        const { code = '', silent = false, store_history: storeHistory = !silent, stop_on_error: stopOnError = true } = request.content;
        if (sentBefore(request, this.failedAt))
            return { status: 'aborted' };
        const { iopub } = this.context;
        const record = storeHistory && !silent;
        if (record)
            this.count++;
        const count = this.count;
        this.context.setOutputParent(request);
        if (!silent)
            iopub.publish('execute_input', { code, execution_count: count }, request);
        const startupError = this.context.takeStartupError();
        if (startupError)
            iopub.stream('stderr', startupError, request);
        const runner = await this.context.runner();
        // Let busy and execute_input leave before a cell that may block the event loop for long.
        await iopub.drained();
        const outcome = await runner.run(code);
        if (outcome.ok) {
            for (const warning of outcome.warnings)
                iopub.stream('stderr', `${warning}\n`, request);
            let text = null;
            if (outcome.hasValue && !silent) {
                let data;
                try {
                    data = (0, display_1.wireBundle)((0, result_bundle_1.resultBundle)(outcome.value));
                }
                catch (e) {
                    return this.fail(request, (0, error_report_1.reportError)([[e]]), count, silent, stopOnError);
                }
                text = typeof data['text/plain'] === 'string' ? data['text/plain'] : null;
                iopub.publish('execute_result', { execution_count: count, data, metadata: {} }, request);
            }
            if (record)
                this.context.history.add(count, code, text);
            return { status: 'ok', execution_count: count, payload: [], user_expressions: {} };
        }
        if (record)
            this.context.history.add(count, code, null);
        return this.fail(request, outcome.error, count, silent, stopOnError);
    }
    fail(request, error, count, silent, stopOnError) {
        if (!silent)
            this.context.iopub.publish('error', { ...error }, request);
        if (stopOnError)
            this.failedAt = Date.now();
        return { status: 'error', execution_count: count, ...error };
    }
}
exports.ExecuteHandler = ExecuteHandler;
/**
 * Whether the client sent `request` before `time`: requests queued behind a failed cell (e.g. "run
 * all") were sent before the client could see the failure, and are answered `aborted`, as in ipykernel.
 */
function sentBefore(request, time) {
    const sent = Date.parse(String(request.header.date));
    return Number.isFinite(sent) && sent < time;
}
